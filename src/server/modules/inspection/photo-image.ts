import sharp from 'sharp';
import { PHOTO_LIMITS, type TPhoto } from '../../../shared/api/inspection.ts';
import { AppError } from '../../platform/errors.ts';

type PhotoType = TPhoto['contentType'];

/**
 * A decoded image is width × height × channels bytes in memory: a tiny file can claim a huge
 * canvas (a decompression bomb). 40 megapixels is more than any phone camera takes.
 */
const MAX_PIXELS = 40_000_000;

const SIGNATURES: { type: PhotoType; matches: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** What the file's first bytes say it is; the name and the Content-Type header are the sender's claims, never trusted. */
export function sniffPhotoType(bytes: Buffer): PhotoType | undefined {
  return SIGNATURES.find((s) => s.matches(bytes))?.type;
}

const SHARP_FORMAT: Record<PhotoType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

const refuse = (message: string) => new AppError('unprocessable', message, { fields: { photo: message } });

export interface CleanPhoto {
  contentType: PhotoType;
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Checks an uploaded photo by its content and re-encodes it: the pixels are decoded and written
 * again in the same format, turned upright per its EXIF orientation, and nothing else of the
 * file survives (EXIF with GPS position, XMP, comments, trailing bytes).
 */
export async function cleanPhoto(bytes: Buffer): Promise<CleanPhoto> {
  if (bytes.length === 0) throw refuse('The photo is empty: send the image file as the request body');
  if (bytes.length > PHOTO_LIMITS.maxBytes) throw new AppError('payload_too_large', `A photo may be at most ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`);
  const contentType = sniffPhotoType(bytes);
  if (!contentType) throw refuse('This file is not a JPEG, PNG or WebP image (its content was checked, not its name)');
  try {
    const input = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const meta = await input.metadata();
    // A file that starts like one format and decodes as another is refused, not guessed at.
    if (meta.format !== SHARP_FORMAT[contentType]) throw refuse('The image content does not match its format');
    const upright = input.rotate();
    const encoded =
      contentType === 'image/jpeg'
        ? upright.jpeg({ quality: 88, mozjpeg: true })
        : contentType === 'image/png'
          ? upright.png()
          : upright.webp({ quality: 88 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { contentType, data, width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = err instanceof Error && /pixel limit/i.test(err.message)
      ? `The image is too large: at most ${MAX_PIXELS / 1_000_000} megapixels`
      : 'The image could not be read: the file is damaged or not a complete image';
    throw refuse(message);
  }
}
