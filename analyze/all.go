package analyze

// All lists every analyzer, in the order their tables are described in the
// schema document. Adding an analyzer means one file and one entry here.
var All = []*Analyzer{Attributions, Events, Terms, Keyness, Lexical, Concordance, Reuse, Summary}
