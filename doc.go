// Package framelens holds the vocabulary shared by every stage of the
// framelens pipeline: the study (events, outlets, actors, lexicons), the
// article, the attribution and the other findings, and the errors that
// callers branch on. It imports only the standard library.
//
// The pipeline is a chain of packages that hand files to each other:
//
//	crawl      study outlets -> WARC captures + crawl log
//	normalize  WARC response records -> Article values (+ rejects)
//	analyze    articles + study -> tables of findings
//	datasets   findings -> Parquet tables with a manifest
//
// Only cmd/framelens imports them all.
//
// # Files
//
//	doc.go          this overview and the glossary
//	study.go        Study, Event, Outlet, Actor, Lexicons and their lookups
//	article.go      Article, Dateline, Reject, CrawlEntry
//	attribution.go  Attribution, Span, the verb classes and sides
//	findings.go     the wording, alignment and reuse findings
//	text.go         character offsets over UTF-8 text
//	errors.go       sentinel errors and PageError
//
// # Glossary
//
// The terms follow the codebook the scholars use.
//
//   - Study: the research configuration — the events, the outlets whose
//     coverage is compared, the actors who may speak and the lexicons.
//   - Event: something that happened on a date and that outlets covered,
//     such as Pompeo's 60-day ultimatum of 4 December 2018.
//   - Outlet: a publisher whose coverage is compared (a news agency, a
//     broadcaster, a ministry's press office).
//   - Actor: a person or organisation that can be a Speaker, with the Side it
//     stands for.
//   - Side: the camp an actor speaks for: russia, us, nato, europe, china,
//     other, or unknown when the speaker could not be resolved.
//   - Attribution: one act of reported speech in an article: a Speaker, a
//     Cue (usually a ReportingVerb) and the Content attributed.
//   - Speaker: who the article says spoke; kept as written and, where the
//     study knows the actor, as the canonical name.
//   - ReportingVerb: the cue that introduces reported speech ("said",
//     "claimed", "according to"), with its lemma and its VerbClass.
//   - Direct speech is content inside quotation marks; indirect speech is
//     paraphrase ("Ryabkov said the US had not tried ..."); mixed speech
//     combines the two.
//   - Via: the outlet or person through whom speech is mediated ("told
//     Sputnik", "TASS quoted her as saying").
//   - Hedge: a word that distances the writer from a claim ("alleged",
//     "so-called", "reportedly").
//   - Lexical variable: one referent with several wordings ("withdraw",
//     "pull out", "destroy the treaty"); each wording is a variant.
//   - Voice: whether a wording stands in the outlet's own (authorial) voice
//     or inside quoted speech.
//   - Offsets: every Span counts Unicode code points (characters) into
//     Article.Text, so text[start:end] in Python returns the span.
package framelens
