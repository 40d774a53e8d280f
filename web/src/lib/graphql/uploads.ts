import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

export interface UploadedPhoto {
  id: string;
  url: string;
  thumbnailUrl: string;
}

/**
 * Uploads one photo (POST to `target`, multipart field "file") with the session cookie: a need's
 * photos go to /uploads/photos, pledge evidence and project photos to /uploads/commitment-photos.
 * Resolves to the stored photo, or throws an Error whose message is for the user.
 */
export async function uploadPhoto(file: File, target = '/uploads/photos'): Promise<UploadedPhoto> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'Accept-Language': getLocale() },
    });
  } catch {
    throw new Error(m.error_network());
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // An empty or non-JSON answer: the status decides.
  }
  if (!response.ok) {
    const message = (json as { message?: unknown } | null)?.message;
    throw new Error(typeof message === 'string' && message ? message : m.need_photo_failed());
  }
  return json as UploadedPhoto;
}
