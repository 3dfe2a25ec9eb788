/**
 * What every importer (Word, text, web page) hands on: the document as HTML
 * and the pictures it shows. The rest of the import is the same for all.
 */
export interface DocumentSource {
  /** The document as HTML; parts its source marks (a Word style) carry ROLE classes. */
  html: string;
  /** Pictures the HTML shows, by their src, when the source holds their bytes (a Word file does; a web page's are files beside it). */
  pictures: Map<string, Picture>;
  /** A title the source gives outside its text: a web page's <title>. */
  titleHint?: string;
  /** The first short line may be the title: true for Word and text files, not for a web page (whose first line is often its date and source). */
  titleFromFirstLine: boolean;
}

export interface Picture {
  bytes: Uint8Array;
  /** The extension the web can show it with (`.png`), or undefined for a format it cannot (EMF, WMF, BMP, TIFF). */
  extension: string | undefined;
  /** Its format as a clerk knows it, for a message: PNG, JPEG, EMF. */
  format: string;
}

const WEB_FORMATS: Record<string, string> = { "image/png": ".png", "image/jpeg": ".jpg", "image/jpg": ".jpg", "image/gif": ".gif", "image/webp": ".webp" };

/** A picture of a given MIME type. */
export function pictureOf(bytes: Uint8Array, contentType: string): Picture {
  const type = contentType.toLowerCase();
  return { bytes, extension: WEB_FORMATS[type], format: type.replace(/^image\/(x-)?/, "").toUpperCase() };
}

/** A picture by its file extension (a web page's image file). */
export function pictureByExtension(bytes: Uint8Array, extension: string): Picture {
  const ext = extension.toLowerCase() === ".jpeg" ? ".jpg" : extension.toLowerCase();
  const known = Object.values(WEB_FORMATS).includes(ext);
  return { bytes, extension: known ? ext : undefined, format: ext.slice(1).toUpperCase() };
}
