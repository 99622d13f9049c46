package datasets

import "github.com/framelens/framelens"

// A VoiceRow is one row of the voice table.
type VoiceRow struct {
	Outlet       string  `parquet:"outlet,dict" doc:"Outlet slug."`
	EventID      string  `parquet:"event_id,dict" doc:"Event; empty for all of the outlet's articles."`
	Side         string  `parquet:"side,dict" doc:"Speakers' side (russia, us, nato, europe, china, other, unknown)."`
	CueClass     string  `parquet:"cue_class,dict" doc:"Reporting-verb class; empty for all classes together."`
	Attributions int64   `parquet:"attributions" doc:"Attributions to this side (with this verb class) in the outlet's (event's) articles."`
	Direct       int64   `parquet:"direct" doc:"Of those, attributions in quotation marks (kind direct)."`
	ContentWords int64   `parquet:"content_words" doc:"Words of attributed content."`
	Total        int64   `parquet:"total" doc:"All attributions of the outlet (event) over every side: the share's denominator."`
	TotalWords   int64   `parquet:"total_words" doc:"All attributed content words of the outlet (event): the word share's denominator."`
	Share        float64 `parquet:"share" doc:"attributions / total."`
	ShareLow     float64 `parquet:"share_low" doc:"Lower bound of the 95% Wilson score interval of share."`
	ShareHigh    float64 `parquet:"share_high" doc:"Upper bound of the 95% Wilson score interval of share."`
	WordShare    float64 `parquet:"word_share" doc:"content_words / total_words."`
}

var voiceTable = define[VoiceRow](spec{
	Name: "voice",
	Doc:  "Share of voice: per outlet (and outlet x event), side and reporting-verb class, how many attributions and words of content each side gets. Rows with an empty cue_class sum over classes; the attributions table holds the rows behind each count.",
	Key:  []string{"outlet", "event_id", "side", "cue_class"},
})

// Voice returns the voice table of vs.
func Voice(vs []framelens.VoiceShare) Table {
	return voiceTable.table(convert(vs, func(v framelens.VoiceShare) VoiceRow {
		return VoiceRow{Outlet: v.Outlet, EventID: v.Event, Side: string(v.Side), CueClass: string(v.CueClass),
			Attributions: int64(v.Attributions), Direct: int64(v.Direct), ContentWords: int64(v.ContentWords),
			Total: int64(v.Total), TotalWords: int64(v.TotalWords), Share: v.Share, ShareLow: v.ShareLow,
			ShareHigh: v.ShareHigh, WordShare: v.WordShare}
	}))
}
