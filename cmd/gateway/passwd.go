package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"auger/internal/server"
)

// passwd is the `gateway passwd [--users FILE] NAME` subcommand: it sets
// a user's password, storing only its SCRAM-SHA-256 verifier. The
// password is read from the terminal without echo, twice, or as one line
// of standard input when that is not a terminal.
func passwd(args []string, stdin *os.File, out io.Writer) error {
	fs := flag.NewFlagSet("gateway passwd", flag.ContinueOnError)
	users := fs.String("users", defaultUsersFile, "users file to write")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: gateway passwd [--users FILE] NAME")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("passwd: want one user name")
	}
	name := fs.Arg(0)
	password, err := readNewPassword(stdin, out, name)
	if err != nil {
		return err
	}
	if err := server.SetPassword(*users, name, password); err != nil {
		return err
	}
	fmt.Fprintf(out, "password of user %q set in %s\n", name, *users)
	return nil
}

// readNewPassword reads the password from the terminal, asking twice, or
// from the first line of a stdin that is not one.
func readNewPassword(stdin *os.File, out io.Writer, name string) (string, error) {
	fd := int(stdin.Fd())
	if !term.IsTerminal(fd) {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !(errors.Is(err, io.EOF) && line != "") {
			return "", fmt.Errorf("reading the password from standard input: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(out, prompt)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(out)
		return string(b), err
	}
	first, err := ask(fmt.Sprintf("Enter password for user %q: ", name))
	if err != nil {
		return "", err
	}
	again, err := ask("Enter it again: ")
	if err != nil {
		return "", err
	}
	if first != again {
		return "", errors.New("passwords didn't match")
	}
	return first, nil
}
