package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"text/tabwriter"
	"time"

	"github.com/framelens/framelens/internal/sample"
)

var sampleAddr string

var cmdSample = &command{
	Name:  "sample",
	Args:  "list | serve",
	Short: "list or serve the bundled sample web",
	Long: `
sample list
	prints every page of the bundled sample with its outlet, kind and gold
	events and attributions count.
sample serve [-addr 127.0.0.1:8080]
	serves the sample web over plain HTTP on a loopback address, until
	interrupted; pick the site with the Host header, e.g.
	curl -H 'Host: tass.com' http://127.0.0.1:8080/world`,
	Flags: func(fs *flag.FlagSet, m *Main) {
		fs.StringVar(&sampleAddr, "addr", "127.0.0.1:8080", "listen `address` for sample serve")
	},
	Run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 1 {
			return usagef("sample: want list or serve")
		}
		switch args[0] {
		case "list":
			gold, err := sample.Gold()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(m.Stdout, 0, 8, 2, ' ', 0)
			fmt.Fprintln(tw, "outlet\tkind\tvariant\tarticle\tevents\tattributions\turl")
			for _, g := range gold {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%v\t%d\t%s\n", g.Outlet, g.Kind, g.Variant, g.Article, g.Events, len(g.Attributions), g.URL)
			}
			return tw.Flush()
		case "serve":
			ln, err := net.Listen("tcp", sampleAddr)
			if err != nil {
				return err
			}
			srv := &http.Server{Handler: sample.Handler(), ReadHeaderTimeout: 10 * time.Second}
			hosts, _ := sample.Hosts()
			fmt.Fprintf(m.Stdout, "serving the sample web on http://%s for hosts %v\n", ln.Addr(), hosts)
			go func() {
				<-ctx.Done()
				srv.Close()
			}()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		}
		return usagef("sample: unknown subcommand %q", args[0])
	},
}
