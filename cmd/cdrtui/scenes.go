package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

const scenesUsage = "scenes CASE.db --scene 'CELL[,CELL…]@FROM..TO' --scene 'LAT,LON~500m@FROM..TO' ... [--min 2] [--json]"

// sceneFlags collects repeated --scene values.
type sceneFlags []string

func (s *sceneFlags) String() string     { return strings.Join(*s, " ") }
func (s *sceneFlags) Set(v string) error { *s = append(*s, v); return nil }

func runScenes(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scenes", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	var specs sceneFlags
	fs.Var(&specs, "scene", "a scene (2 to 20): CELL[,CELL…]@FROM..TO, LAT,LON~RADIUS@FROM..TO, or cells=…;from=…;to=… (point=LAT,LON;radius=500m)")
	min := fs.Int("min", 2, "list subscribers present at this many scenes or more")
	cluster := clusterFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need a case file (and scenes by --scene)", errUsage)
	}
	if len(specs) < casework.MinScenes || len(specs) > casework.MaxScenes {
		return fmt.Errorf("%w: give %d to %d --scene, not %d", errUsage, casework.MinScenes, casework.MaxScenes, len(specs))
	}
	if *min < 1 || *min > len(specs) {
		return fmt.Errorf("%w: --min must be 1 to %d (the number of scenes)", errUsage, len(specs))
	}
	var scenes []casework.Scene
	for _, s := range specs {
		sc, err := casework.ParseScene(s)
		if err != nil {
			return fmt.Errorf("%w: --scene: %v", errUsage, err)
		}
		scenes = append(scenes, sc)
	}
	st, _, err := openLocator(pos[0], *cluster, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	rep, err := casework.Scenes(ctx, st, scenes, *min)
	if err != nil {
		return err
	}
	recordRun(ctx, st, "scenes", args, rep, stderr)
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	printScenes(stdout, rep)
	return nil
}

func printScenes(w io.Writer, r *casework.ScenesReport) {
	for i, s := range r.Scenes {
		fmt.Fprintf(w, "scene %d: %s .. %s, %d cells, %d records of %d subscribers\n", i+1, s.From, s.To, len(s.Cells), s.Records, s.People)
		if unknown := s.NotSwitch(); len(unknown) > 0 {
			fmt.Fprintf(w, "  not in the case: %s\n", inert.String(strings.Join(unknown, ", ")))
		}
		for _, h := range s.SwitchCells {
			fmt.Fprintf(w, "  warning: %s\n", inert.String(h.Message()))
		}
		if s.Note != "" {
			fmt.Fprintf(w, "  %s\n", s.Note)
		}
	}
	fmt.Fprintf(w, "\n%d subscribers at %d or more scenes\n", len(r.Subscribers), r.Min)
	for _, s := range r.Subscribers {
		names := make([]string, len(s.SceneList))
		for i, x := range s.SceneList {
			names[i] = fmt.Sprint(x)
		}
		fmt.Fprintf(w, "\n%s  %d scenes (%s), %d records\n", inert.String(s.MSISDN), s.Scenes, strings.Join(names, ", "), s.Records)
		for _, e := range s.Evidence {
			fmt.Fprintf(w, "  scene %d  %s  %-5s %-22s %s:%d\n", e.Scene, e.At, e.Kind, inert.String(e.Cell), inert.String(e.File), e.Line)
		}
	}
}
