package exec

// QuoteIdent quotes a name as PostgreSQL's quote_ident does: only when it
// is not a lower-case word that is no reserved key word.
func QuoteIdent(name string) string { return quoteIdent(name) }
