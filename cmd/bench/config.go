package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/testenv"
)

// writeConfig writes the storage-plugins.json the benchmark's gateway
// serves: dfs with the workspace bench over the data folder, s3 over the
// bucket bench, s3ws over its writable folder /written, postgresql over the
// benchmark database.
func writeConfig(path, dataDir, pgURL string, s3 *testenv.S3Server) error {
	pg, err := pgconn.ParseConfig(pgURL)
	if err != nil {
		return err
	}
	parquet := map[string]any{"parquet": map[string]any{"type": "parquet"}}
	storage := map[string]any{
		"dfs": map[string]any{
			"type": "file", "connection": "file:///", "enabled": true, "formats": parquet,
			"workspaces": map[string]any{
				"root":  map[string]any{"location": "/", "writable": false},
				"bench": map[string]any{"location": dataDir, "writable": false, "defaultInputFormat": "parquet"},
			},
		},
		"s3": map[string]any{
			"type": "file", "connection": "s3a://bench", "enabled": true, "formats": parquet,
			"config": map[string]any{
				"fs.s3a.access.key": s3.AccessKey, "fs.s3a.secret.key": s3.SecretKey,
				"fs.s3a.endpoint": s3.Endpoint, "fs.s3a.path.style.access": "true",
			},
			"workspaces": map[string]any{"root": map[string]any{"location": "/", "writable": false}},
		},
		"s3ws": map[string]any{
			"type": "file", "connection": "s3a://bench", "enabled": true, "formats": parquet,
			"config": map[string]any{
				"fs.s3a.access.key": s3.AccessKey, "fs.s3a.secret.key": s3.SecretKey,
				"fs.s3a.endpoint": s3.Endpoint, "fs.s3a.path.style.access": "true",
			},
			"workspaces": map[string]any{"root": map[string]any{"location": "/written", "writable": true}},
		},
		"postgresql": map[string]any{
			"type": "jdbc", "driver": "org.postgresql.Driver", "enabled": true,
			"url":      fmt.Sprintf("jdbc:postgresql://%s:%d/%s?sslmode=disable", pg.Host, pg.Port, pg.Database),
			"username": pg.User, "password": pg.Password,
			"sourceParameters": map[string]any{"maximumPoolSize": 8, "minimumIdle": 0},
		},
	}
	data, err := json.MarshalIndent(map[string]any{"storage": storage}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}
