/** The part of lerc 3.0.0 (Esri's LERC decoder, which ships no types) that decodeTiffLerc uses. */
declare module 'lerc' {
  /** One band's pixels: a typed array of the blob's data type. */
  interface LercBand {
    buffer: ArrayBufferLike;
    byteOffset: number;
    byteLength: number;
    length: number;
  }
  const Lerc: {
    /** Decodes every blob of the input, one band each (throws strings on damaged data). */
    decode(
      input: ArrayBufferLike,
      options?: { inputOffset?: number; returnPixelInterleavedDims?: boolean },
    ): { width: number; height: number; pixels: LercBand[] };
  };
  export default Lerc;
}
