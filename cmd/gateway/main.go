// Command gateway runs Auger: a PostgreSQL-wire endpoint over the storage
// plugins configured in Drill's storage-plugins.json format.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/engine"
	"auger/internal/exec"
	_ "auger/internal/plugins/parquet"  // registers the "file" plugin type
	_ "auger/internal/plugins/postgres" // registers the "jdbc" plugin type
	"auger/internal/server"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gateway:", err)
		os.Exit(1)
	}
}

// options are the command-line flags.
type options struct {
	config      string
	listen      string
	logLevel    string
	memoryLimit string
	spillDir    string
	auth        authFlags
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("gateway", flag.ContinueOnError)
	fs.StringVar(&o.config, "config", "conf/storage-plugins.json",
		"storage plugins: a Drill storage-plugins.json file, or a folder of NAME.json plugin files")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:15432", "address to accept PostgreSQL-protocol connections on")
	fs.StringVar(&o.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	fs.StringVar(&o.memoryLimit, "memory-limit", defaultMemoryShare,
		"memory the queries' sorts, aggregations and joins may hold together: a size (4GB, 512MB), a share of the machine's memory (50%), or 0 for no limit")
	fs.StringVar(&o.spillDir, "spill-dir", "",
		"folder where sorts that go past the memory limit write their runs, one folder per query (default: the system's temporary folder)")
	o.auth.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: gateway [flags]\n       gateway passwd [--users FILE] NAME    (sets a user's password)\nflags:")
		fs.PrintDefaults()
	}
	err := fs.Parse(args)
	return o, err
}

func run(args []string) error {
	if len(args) > 0 && args[0] == "passwd" {
		return passwd(args[1:], os.Stdin, os.Stderr)
	}
	opts, err := parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	log, err := newLogger(opts.logLevel)
	if err != nil {
		return err
	}
	memoryLimit, err := parseMemoryLimit(opts.memoryLimit, machineMemory())
	if err != nil {
		return err
	}
	storage, err := config.Load(opts.config, os.Getenv, log)
	if err != nil {
		return err
	}
	cat, err := catalog.New(storage, log)
	if err != nil {
		return err
	}
	defer cat.Close()
	if opts.spillDir != "" {
		if err := os.MkdirAll(opts.spillDir, 0o700); err != nil {
			return fmt.Errorf("--spill-dir: %w", err)
		}
	}
	auth, err := opts.auth.auth()
	if err != nil {
		return err
	}
	eng := &engine.Engine{Catalog: cat, Log: log, Memory: exec.NewBudget(memoryLimit), SpillDir: opts.spillDir}
	srv, err := server.New(eng, log, server.WithAuth(auth))
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", opts.listen)
	if err != nil {
		return err
	}
	log.Info("Auger is ready", "listen", listener.Addr().String(), "config", opts.config, "plugins", cat.PluginNames(),
		"memory_limit", exec.FormatBytes(memoryLimit))
	logAuth(log, auth)
	return serveUntilSignal(srv, listener, log)
}

func newLogger(level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l})), nil
}

// serveUntilSignal serves until SIGINT or SIGTERM, then lets open
// connections finish for a few seconds.
func serveUntilSignal(srv *server.Server, l net.Listener, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Warn("shutdown", "err", err)
	}
	return nil
}
