// mistral-tokenizer-js ships no types; this is the part of its API the token lens uses.
declare module 'mistral-tokenizer-js' {
  interface MistralTokenizer {
    encode(text: string, addBosToken?: boolean, addPrecedingSpace?: boolean, logPerformance?: boolean): number[];
    decode(ids: number[], addBosToken?: boolean, addPrecedingSpace?: boolean): string;
  }
  const mistralTokenizer: MistralTokenizer;
  export default mistralTokenizer;
}
