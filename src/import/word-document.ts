import JSZip from "jszip";
import mammoth from "mammoth";
import { writeOutNumbering } from "./word-numbering.ts";
import { pictureOf, type DocumentSource, type Picture } from "./document-source.ts";
import { ALIGNMENT_STYLE, PLAIN_STYLES, WORD_STYLE_MAP } from "./official-document-styles.ts";

/** mammoth's document tree, as far as this file reads it. */
interface WordElement {
  type: string;
  styleName?: string | null;
  alignment?: string | null;
  children?: WordElement[];
}

/**
 * A paragraph Word centres or right-aligns by hand, without a style of its
 * own, gets a style name the style map knows: a centred line under a picture
 * is its caption, right-aligned lines at the end are the 落款.
 */
function markAlignment(element: WordElement): WordElement {
  if (element.type === "paragraph" && element.alignment && ALIGNMENT_STYLE[element.alignment] && (!element.styleName || PLAIN_STYLES.has(element.styleName.toLowerCase()))) {
    element.styleName = ALIGNMENT_STYLE[element.alignment];
  }
  element.children?.forEach(markAlignment);
  return element;
}

/** A .docx file's bytes → its HTML (official-document styles mapped), with its pictures. */
export async function readWordDocument(bytes: Uint8Array): Promise<DocumentSource> {
  const pictures = new Map<string, Picture>();
  const result = await mammoth.convertToHtml(
    { buffer: await withNumberingWrittenOut(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) },
    {
      styleMap: [...WORD_STYLE_MAP],
      transformDocument: markAlignment,
      // Pictures linked to files outside the document are never read.
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async (image) => {
        const src = `word-picture-${pictures.size + 1}`;
        pictures.set(src, pictureOf(new Uint8Array(await image.readAsBuffer()), image.contentType));
        return { src };
      }),
    },
  );
  return { html: result.value, pictures, titleFromFirstLine: true };
}

/** The .docx with its automatic numbering as typed text (word-numbering.ts); as it was when it has none or is no zip mammoth could read either. */
async function withNumberingWrittenOut(docx: Buffer): Promise<Buffer> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(docx);
  } catch {
    return docx; // mammoth says what is wrong with it
  }
  const documentXml = await zip.file("word/document.xml")?.async("string");
  const numberingXml = await zip.file("word/numbering.xml")?.async("string");
  if (!documentXml || !numberingXml) return docx;
  const written = writeOutNumbering(documentXml, numberingXml);
  if (written === documentXml) return docx;
  zip.file("word/document.xml", written);
  return zip.generateAsync({ type: "nodebuffer" });
}
