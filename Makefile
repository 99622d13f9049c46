# framelens — scholars' targets: demo crawl normalize analyze datasets notebooks
#              developers' targets: test golden bench eval lint
#
# Variables:
#   DATA    data root (WARC archive, stage files, published datasets)
#   STUDY   study file; empty means the embedded INF study
#   OUTLETS comma-separated outlet ids to crawl; empty means all
#   RUN     extra flags for framelens
DATA    ?= data
STUDY   ?=
OUTLETS ?=
RUN     ?=
BENCH   ?= ../shared/benchmarks/article-extraction
GO      ?= go
PYTHON  ?= python3
VENV    ?= .venv

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
BIN     := bin/framelens
STUDYFLAG := $(if $(STUDY),-study $(STUDY))
OUTLETFLAG := $(if $(OUTLETS),-outlets $(OUTLETS))

.PHONY: all build demo crawl normalize analyze datasets notebooks test gotest golden bench bench-scale eval lint venv clean

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/framelens

# The whole pipeline on the bundled sample, offline.
demo: build
	$(BIN) run -data $(DATA) $(RUN)
	$(BIN) datasets validate -data $(DATA)

# The live run of the study, one stage per target (polite: see README).
crawl: build
	$(BIN) crawl -source live -data $(DATA) $(STUDYFLAG) $(OUTLETFLAG) $(RUN)
normalize: build
	$(BIN) normalize -data $(DATA) $(STUDYFLAG) $(RUN)
analyze: build
	$(BIN) analyze -data $(DATA) $(STUDYFLAG) $(RUN)
datasets: build
	$(BIN) datasets publish -data $(DATA) $(STUDYFLAG) $(RUN)
	$(BIN) datasets validate -data $(DATA)

# The Python side lives in a virtual environment made from the pinned
# requirements; the stamp file makes it rebuild when they change.
venv: $(VENV)/.stamp
$(VENV)/.stamp: notebooks/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r notebooks/requirements.txt
	touch $@

# Execute every notebook headless on the published datasets and cross-check
# the tables with pyarrow and DuckDB.
notebooks: venv
	$(VENV)/bin/python notebooks/run.py $(DATA)/datasets/current

# The test command: Go tests with the race detector (warcio from the venv
# reads our WARCs independently), then the demo, the dataset validation and
# the notebooks on its output.
test: venv gotest
	$(MAKE) demo DATA=$(DATA)/test-demo
	$(MAKE) notebooks DATA=$(DATA)/test-demo

gotest:
	test -z "$$(gofmt -l .)" || (gofmt -l . && echo "gofmt: files above need formatting" && exit 1)
	$(GO) vet ./...
	WARCIO_PYTHON=$(abspath $(VENV))/bin/python $(GO) test -race -count=1 ./...

golden:
	$(GO) test ./... -run Golden -update

bench:
	$(GO) test -run='^$$' -bench=. -benchmem -count=1 ./...

# The analyze stage over 100,000 synthetic articles, with time and peak memory.
# GOMEMLIMIT keeps the heap under 2 GB (without it the GC lets it grow).
SCALE ?= 100000
bench-scale: build
	$(BIN) synth -n $(SCALE) -out $(DATA)/synth/articles.parquet
	GOMEMLIMIT=1500MiB /usr/bin/time -v $(BIN) analyze -data $(DATA)/synth -articles $(DATA)/synth/articles.parquet -log-format text 2>&1 | grep -E 'analyze (start|end)|Elapsed|Maximum resident'

eval: build
	$(BIN) eval extract -bench $(BENCH) -pred-out $(DATA)/eval/extract.jsonl
	$(BIN) eval metadata
	$(BIN) eval attribution
	$(BIN) eval events
	$(GO) test -count=1 -run 'TestVoiceGold' -v ./analyze | grep -v '^=== RUN'

lint:
	test -z "$$(gofmt -l .)"
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
	$(GO) mod tidy -diff

clean:
	rm -rf bin $(VENV)
