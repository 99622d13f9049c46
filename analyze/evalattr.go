package analyze

import (
	"sort"

	"github.com/framelens/framelens"
)

// AttributionGold is one article's gold attributions, as plain data so that
// the evaluation does not depend on where the gold comes from. Each gold
// Attribution needs its Content span (characters in Text); ActorID, Side,
// CueClass, Kind, CueText and SpeakerText are compared when matched.
type AttributionGold struct {
	ArticleID    string
	Outlet       string
	Text         string
	Attributions []framelens.Attribution
}

// MinContentOverlap is the share of the shorter content span that a
// predicted and a gold attribution must share to match.
const MinContentOverlap = 0.5

// AttributionScore holds the scores of one outlet, or of all ("" Outlet).
type AttributionScore struct {
	Outlet                   string
	Gold, Predicted, Matched int
	Precision, Recall, F1    float64
	// Correct counts over matched pairs: same actor id ("" = not an actor),
	// same side, same verb class, same kind.
	SpeakerCorrect, SideCorrect, ClassCorrect, KindCorrect     int
	SpeakerAccuracy, SideAccuracy, ClassAccuracy, KindAccuracy float64
}

// An AttributionError is one disagreement, for error analysis: Kind is
// "missed" (gold without a match), "spurious" (prediction without a match),
// or "speaker", "side", "class" for a matched pair that differs there.
type AttributionError struct {
	ArticleID string
	Outlet    string
	Kind      string
	Gold      *framelens.Attribution
	Predicted *framelens.Attribution
}

// AttributionScores is the result of EvaluateAttributions.
type AttributionScores struct {
	Overall AttributionScore
	// Outlets holds one score per outlet, sorted by outlet id.
	Outlets []AttributionScore
	Errors  []AttributionError
}

// EvaluateAttributions scores predicted attributions against the gold.
// Predictions are matched to gold attributions of the same article by
// content overlap: a pair qualifies when the spans share at least
// MinContentOverlap of the shorter one, and pairs are taken one-to-one,
// greedily by overlap ratio (best first, ties by intersection over union). Predictions for
// articles without gold are ignored. Precision is matched/predicted, recall
// matched/gold; the accuracies are over matched pairs.
func EvaluateAttributions(gold []AttributionGold, predicted []framelens.Attribution) AttributionScores {
	byArticle := make(map[string][]int)
	for i, p := range predicted {
		byArticle[p.ArticleID] = append(byArticle[p.ArticleID], i)
	}
	scores := make(map[string]*AttributionScore)
	var res AttributionScores
	overall := &res.Overall
	for _, g := range gold {
		s := scores[g.Outlet]
		if s == nil {
			s = &AttributionScore{Outlet: g.Outlet}
			scores[g.Outlet] = s
		}
		preds := byArticle[g.ArticleID]
		type pair struct {
			gi, pi int
			r, iou float64
		}
		var pairs []pair
		for gi, ga := range g.Attributions {
			for _, pi := range preds {
				pa := predicted[pi]
				shorter := min(ga.Content.Len(), pa.Content.Len())
				if shorter == 0 {
					continue
				}
				if r := float64(ga.Content.Overlap(pa.Content)) / float64(shorter); r >= MinContentOverlap {
					ov := ga.Content.Overlap(pa.Content)
					pairs = append(pairs, pair{gi, pi, r, float64(ov) / float64(ga.Content.Len()+pa.Content.Len()-ov)})
				}
			}
		}
		// Best overlap first; ties (one span inside two others) go to the
		// pair whose spans agree most (intersection over union).
		sort.SliceStable(pairs, func(i, j int) bool {
			if pairs[i].r != pairs[j].r {
				return pairs[i].r > pairs[j].r
			}
			return pairs[i].iou > pairs[j].iou
		})
		gUsed := make(map[int]bool)
		pUsed := make(map[int]bool)
		for _, p := range pairs {
			if gUsed[p.gi] || pUsed[p.pi] {
				continue
			}
			gUsed[p.gi], pUsed[p.pi] = true, true
			ga, pa := &g.Attributions[p.gi], &predicted[p.pi]
			for _, sc := range []*AttributionScore{s, overall} {
				sc.Matched++
				sc.SpeakerCorrect += b2i(ga.ActorID == pa.ActorID)
				sc.SideCorrect += b2i(ga.Side == pa.Side)
				sc.ClassCorrect += b2i(ga.CueClass == pa.CueClass)
				sc.KindCorrect += b2i(ga.Kind == pa.Kind)
			}
			for _, c := range []struct {
				kind string
				ok   bool
			}{{"speaker", ga.ActorID == pa.ActorID}, {"side", ga.Side == pa.Side}, {"class", ga.CueClass == pa.CueClass}} {
				if !c.ok {
					res.Errors = append(res.Errors, AttributionError{g.ArticleID, g.Outlet, c.kind, ga, pa})
				}
			}
		}
		for gi := range g.Attributions {
			if !gUsed[gi] {
				res.Errors = append(res.Errors, AttributionError{g.ArticleID, g.Outlet, "missed", &g.Attributions[gi], nil})
			}
		}
		for _, pi := range preds {
			if !pUsed[pi] {
				res.Errors = append(res.Errors, AttributionError{g.ArticleID, g.Outlet, "spurious", nil, &predicted[pi]})
			}
		}
		for _, sc := range []*AttributionScore{s, overall} {
			sc.Gold += len(g.Attributions)
			sc.Predicted += len(preds)
		}
	}
	for _, s := range scores {
		res.Outlets = append(res.Outlets, *s.finish())
	}
	overall.finish()
	sort.Slice(res.Outlets, func(i, j int) bool { return res.Outlets[i].Outlet < res.Outlets[j].Outlet })
	return res
}

func (s *AttributionScore) finish() *AttributionScore {
	s.Precision = frac(s.Matched, s.Predicted)
	s.Recall = frac(s.Matched, s.Gold)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.SpeakerAccuracy = frac(s.SpeakerCorrect, s.Matched)
	s.SideAccuracy = frac(s.SideCorrect, s.Matched)
	s.ClassAccuracy = frac(s.ClassCorrect, s.Matched)
	s.KindAccuracy = frac(s.KindCorrect, s.Matched)
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
