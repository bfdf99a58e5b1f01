package source

import (
	"context"
	"errors"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

var errTODO = errors.New("todo")

func loadPostgres(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	return nil, errTODO
}
func postgresTables(ctx context.Context, c Conn) ([]string, error)    { return nil, errTODO }
func ParseURL(s string) (*Conn, error)                                { return nil, errTODO }
