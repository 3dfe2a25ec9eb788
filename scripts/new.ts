// npm run new -- [--column ID] [--title T] [--category C] [--login L] [--unit U] [--root DIR] [--json] [policy/guide fields]
import { runJob } from "../src/cli/run.ts";
import { newJob } from "../src/jobs/new.ts";

const usage = `用法：npm run new -- [选项]
新建一篇文章：按您所在单位负责的栏目，写好信息头（该栏目类型要求的每个字段），正文留待填写，再告诉您怎样提交审核。
在终端里运行时逐项询问；写在命令行上的选项不再询问。
您是谁，按 git 的 user.email（units.yaml 中登记的邮箱，或 GitHub 的 noreply 邮箱）或 user.name（人员名单中的姓名）认出，也可用 --login 写明。

选项：
  --column 栏目      栏目 id 或路径，如 updates 或 news/updates
  --title 标题       文章标题
  --category 类别    报送（submitted，默认）、转载（reprint）或制发（produced）
  --login 账号       您的 GitHub 账号（认不出您时用）
  --unit 单位        以哪个单位的名义报送（单位 id，默认为您所在单位）
  --source 来源      来源（默认为单位名称；转载类写原媒体，如 新华社）
  --source-url 网址  转载类的原文网址
  --author 作者      作者（默认为您的姓名）
  政策文件栏目：--doc-number 文号  --issuer 发文机关  --written-date 成文日期  --topic 主题分类
  政策解读栏目：--interprets 被解读文件（栏目路径/年份/英文名）
  办事指南栏目：--guide-name 事项名称
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --now 时间         按这个时间确定年份目录，须带时区（默认：现在）
  --json             以 JSON 输出新建的文件
  -h, --help         显示本说明

例如：
  npm run new
  npm run new -- --column updates --title 县政府召开专题会议`;

runJob(
  {
    usage,
    flags: ["json"],
    options: ["root", "now", "column", "title", "category", "login", "unit", "source", "source-url", "author", "doc-number", "issuer", "written-date", "topic", "interprets", "guide-name"],
  },
  (args) => newJob(args),
);
