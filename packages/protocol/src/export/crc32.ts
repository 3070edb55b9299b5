/**
 * CRC-32 as zip files record it (ISO-HDLC: IEEE 802.3 polynomial, reflected, initial value and
 * final XOR 0xFFFFFFFF). Written here rather than taken from node:zlib because phones run this
 * package in a browser.
 */

/** The IEEE 802.3 polynomial 0x04C11DB7 with its bits reversed, for the reflected form. */
const POLYNOMIAL = 0xedb88320;

/** CRC of every single byte value, so the main loop takes one lookup per byte. */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
    table[byte] = crc;
  }
  return table;
})();

/**
 * CRC-32 of `bytes`, as an unsigned 32-bit number. Pass the CRC of the bytes before them as
 * `previous` to continue over data that arrives in chunks.
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous;
  for (let i = 0; i < bytes.length; i++) {
    crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]!) & 0xff]!;
  }
  return ~crc >>> 0;
}
