import QRCode from 'qrcode';

/**
 * A URL as a QR code in an SVG document, as check-in screens show it (a meeting's room, a
 * volunteer shift's sign-in desk): a one-module quiet zone and level M error correction, which
 * a phone still reads from a projector or a screen at an angle.
 */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
