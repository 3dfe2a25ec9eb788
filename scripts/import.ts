// npm run import -- FILE --column ID [--unit ID] [--title T] [--category C] [--source S] [--attach FILE] [--root DIR] [--now ISO] [--json]
import { runJob } from "../src/cli/run.ts";
import { importJob } from "../src/jobs/import.ts";

const usage = `用法：npm run import -- 文件 --column 栏目 [选项]
把 Word 文档（.docx）、纯文本（.txt）或保存的网页（.html）变成栏目中的一篇文章：
标题、正文段落、图片（连同图注）、表格、脚注、附件说明和落款都保留，图片放在文章旁边，
然后检查这篇文章并说明还要改什么。装有 LibreOffice 时也能导入 .doc、.wps。

选项：
  --column 栏目      导入到哪个栏目：栏目 id 或路径，例如 updates 或 news/updates（必填）
  --unit 单位        报送单位的 id（栏目只有一个报送单位时可省略）
  --title 标题       文章标题（默认：文档的标题）
  --category 类别    信息类别：submitted 报送（默认）、reprint 转载、produced 制发
  --source 来源      来源（默认：报送单位的名称）
  --attach 文件      随文章一起导入的附件：pdf、xlsx 等，或视频（WMV 等会转换为 MP4，需要 ffmpeg）
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --now 时间         按这个时间确定年份目录并检查，须带时区，例如 2026-12-02T09:00:00+08:00
  --json             以 JSON 输出结果
  -h, --help         显示本说明

例如：
  npm run import -- 关于做好网站内容保障工作的通知.docx --column updates --unit office
  npm run import -- 会议报道.docx --column news/updates --unit bureau --attach 会议视频.wmv`;

runJob({ usage, flags: ["json"], options: ["root", "column", "unit", "title", "category", "source", "attach", "now"], positional: "file" }, importJob);
