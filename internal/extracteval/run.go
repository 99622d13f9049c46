package extracteval

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// Bootstrap is the number of resamples Run uses for the ± figures, as in
// the benchmark's reference evaluation.
const Bootstrap = 1000

// A Page is one benchmark page: its id, URL, ground-truth body and the
// decompressed HTML.
type Page struct {
	ID    string
	URL   string
	Truth string
	HTML  []byte
}

type truthEntry struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// LoadTruth reads dir/ground-truth.json and returns the pages sorted by id,
// without their HTML.
func LoadTruth(dir string) ([]Page, error) {
	data, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("load benchmark %s: %w", dir, err)
	}
	var gt map[string]truthEntry
	if err := json.Unmarshal(data, &gt); err != nil {
		return nil, fmt.Errorf("load benchmark %s: ground-truth.json: %w", dir, err)
	}
	pages := make([]Page, 0, len(gt))
	for id, e := range gt {
		pages = append(pages, Page{ID: id, URL: e.URL, Truth: e.ArticleBody})
	}
	slices.SortFunc(pages, func(a, b Page) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return pages, nil
}

// Load reads the benchmark folder dir: ground-truth.json and every
// html/<id>.html.gz it names, decompressed. A page whose HTML file is
// missing is an error: the benchmark folder is incomplete.
func Load(dir string) ([]Page, error) {
	pages, err := LoadTruth(dir)
	if err != nil {
		return nil, err
	}
	for i := range pages {
		html, err := readGzip(filepath.Join(dir, "html", pages[i].ID+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("load benchmark %s: %w", dir, err)
		}
		pages[i].HTML = html
	}
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// A Prediction is one line of a predictions file.
type Prediction struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Run runs extract over every page of the benchmark folder benchDir, writes
// one JSON line {"id", "text"} per page to predOut (nil discards them), and
// scores the predictions. A page on which extract returns an error is scored
// as an empty prediction, as the reference evaluation scores a missing page.
func Run(benchDir string, predOut io.Writer, extract func(page []byte, url string) (string, error)) (Scores, error) {
	pages, err := Load(benchDir)
	if err != nil {
		return Scores{}, err
	}
	var enc *json.Encoder
	var bw *bufio.Writer
	if predOut != nil {
		bw = bufio.NewWriter(predOut)
		enc = json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
	}
	scores := make([]PageScore, 0, len(pages))
	for _, p := range pages {
		text, err := extract(p.HTML, p.URL)
		if err != nil {
			text = ""
		}
		if enc != nil {
			if err := enc.Encode(Prediction{ID: p.ID, Text: text}); err != nil {
				return Scores{}, fmt.Errorf("write predictions: %w", err)
			}
		}
		ps := ScorePage(p.Truth, text)
		ps.ID = p.ID
		scores = append(scores, ps)
	}
	if bw != nil {
		if err := bw.Flush(); err != nil {
			return Scores{}, fmt.Errorf("write predictions: %w", err)
		}
	}
	return Aggregate(scores, Bootstrap), nil
}

// ScorePredictions scores a predictions file (JSON lines as Run writes them)
// against the benchmark folder's ground truth. Pages without a prediction
// are scored as empty predictions.
func ScorePredictions(benchDir string, preds io.Reader) (Scores, error) {
	pages, err := LoadTruth(benchDir)
	if err != nil {
		return Scores{}, err
	}
	got := make(map[string]string)
	dec := json.NewDecoder(preds)
	for {
		var p Prediction
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return Scores{}, fmt.Errorf("read predictions: %w", err)
		}
		got[p.ID] = p.Text
	}
	scores := make([]PageScore, 0, len(pages))
	for _, p := range pages {
		ps := ScorePage(p.Truth, got[p.ID])
		ps.ID = p.ID
		scores = append(scores, ps)
	}
	return Aggregate(scores, Bootstrap), nil
}

// String formats the four figures with their ± as the benchmark's README
// tables do.
func (s Scores) String() string {
	return fmt.Sprintf("F1 %.3f ± %.3f  precision %.3f ± %.3f  recall %.3f ± %.3f  accuracy %.3f ± %.3f  (%d pages)",
		s.F1, s.F1SD, s.Precision, s.PrecisionSD, s.Recall, s.RecallSD, s.Accuracy, s.AccuracySD, len(s.Pages))
}
