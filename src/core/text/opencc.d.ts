// opencc-js ships typings for its converters but not for the raw dictionaries
// behind its `./*` export. Each dictionary module's default export is a string of
// `source replacement` pairs joined by `|` (see Trie.loadDict in opencc-js/core).
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
