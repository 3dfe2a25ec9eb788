import { AlignmentType, Document, FootnoteReferenceRun, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";

/** A 2×2 red PNG, small enough to inline; a real image a reader could open. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

const p = (text: string, options: Record<string, unknown> = {}) => new Paragraph({ children: [new TextRun(text)], ...options });

/**
 * The Word file a correspondent sends: 文号 and title in the office's
 * styles, a first-line-indented paragraph with typed full-width spaces, a
 * soft line break (Shift+Enter), numbered points typed by hand, a photo with
 * its caption under it, a table, a footnote, the 附件说明 and the 落款.
 */
export async function correspondentDocx(): Promise<Buffer> {
  const doc = new Document({
    styles: {
      paragraphStyles: [
        { id: "DocTitle", name: "标题", basedOn: "Normal", run: { size: 44, bold: true }, paragraph: { alignment: AlignmentType.CENTER } },
        { id: "DocNumber", name: "文号", basedOn: "Normal", paragraph: { alignment: AlignmentType.CENTER } },
        { id: "AttachmentNote", name: "附件说明", basedOn: "Normal" },
        { id: "Signature", name: "落款", basedOn: "Normal", paragraph: { alignment: AlignmentType.RIGHT } },
      ],
    },
    footnotes: { 1: { children: [p("见《政府网站发展指引》（国办发〔2017〕47号）。")] } },
    sections: [
      {
        children: [
          p("示政办发〔2026〕3号", { style: "DocNumber" }),
          p("关于做好门户网站内容保障工作的通知", { style: "DocTitle" }),
          p("各乡镇人民政府，县政府各部门："),
          new Paragraph({
            indent: { firstLine: 640 },
            children: [new TextRun("　　为加强政府网站内容建设"), new FootnoteReferenceRun(1), new TextRun("，现将有关事项通知如下。")],
          }),
          p("一、充分认识内容保障工作的重要性"),
          p("（一）指定专人负责。各单位要指定信息报送员。"),
          p("1. 每周至少报送3条信息；"),
          p("2、报送前须经分管领导审核。"),
          p("* 星号开头的一行不是列表，# 井号也不是标题。"),
          new Paragraph({ children: [new TextRun("联系人：张三"), new TextRun({ text: "电话：0000-1234567", break: 1 })] }),
          new Paragraph({ children: [new TextRun("本通知所称信息，是指各单位在履行职责过程中"), new TextRun({ text: "制作或者获取的，以一定形式记录、保存的信息。", break: 1 })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new ImageRun({ type: "png", data: PNG, transformation: { width: 200, height: 200 }, altText: { name: "image1.png", description: "", title: "" } })],
          }),
          p("图1 县政府常务会议现场", { alignment: AlignmentType.CENTER }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [p("栏目")] }), new TableCell({ children: [p("更新要求")] })] }),
              new TableRow({ children: [new TableCell({ children: [p("工作动态")] }), new TableCell({ children: [p("当日更新")] })] }),
            ],
          }),
          p("附件：1．内容保障工作负责人员表", { style: "AttachmentNote" }),
          p("2．内容保障工作分工表", { style: "AttachmentNote" }),
          p("县人民政府办公室", { style: "Signature" }),
          p("2026年3月5日", { style: "Signature" }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A notice numbered with Word's 编号 button, as official documents are: 一、
 * and （一） from one multi-level list (Chinese counting), then 1. 2. in a
 * decimal list of its own, then a bullet list.
 */
export async function autoNumberedDocx(): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: "points",
          levels: [
            { level: 0, format: "chineseCounting", text: "%1、", start: 1 },
            { level: 1, format: "chineseCounting", text: "（%2）", start: 1 },
          ],
        },
        { reference: "steps", levels: [{ level: 0, format: "decimal", text: "%1.", start: 1 }] },
        { reference: "dots", levels: [{ level: 0, format: "bullet", text: "•" }] },
      ],
    },
    sections: [
      {
        children: [
          p("关于做好网站内容保障工作的通知"),
          new Paragraph({ numbering: { reference: "points", level: 0 }, children: [new TextRun("提高认识")] }),
          new Paragraph({ numbering: { reference: "points", level: 1 }, children: [new TextRun("明确责任分工")] }),
          new Paragraph({ numbering: { reference: "points", level: 1 }, children: [new TextRun("加强审核把关")] }),
          new Paragraph({ numbering: { reference: "points", level: 0 }, children: [new TextRun("工作要求")] }),
          new Paragraph({ numbering: { reference: "points", level: 1 }, children: [new TextRun("先审后发")] }),
          new Paragraph({ numbering: { reference: "steps", level: 0 }, children: [new TextRun("每周报送")] }),
          new Paragraph({ numbering: { reference: "steps", level: 0 }, children: [new TextRun("每月通报")] }),
          new Paragraph({ numbering: { reference: "dots", level: 0 }, children: [new TextRun("要点一")] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
