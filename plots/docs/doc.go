// Package docs writes Modelbench's documentation bundle: the model card,
// the datasheet, the decision journal and the answered deployment
// checklist (plain documents from workflow/deploy, with the figures the
// app already draws), and the exploration and evaluation reports of
// plots/report — as self-contained HTML pages with an index, as Markdown
// with PNG figures, and as PDF (fpdf, with an embedded Liberation Sans
// font so any text the font covers prints, not only cp1252), into one
// folder or one .zip.
//
// Inputs come from a workflow.Project (FromProject); parts the project
// has not reached are left out and listed (Inputs.Missing), and the form
// fields only a person can fill are shown as marked gaps (GapMark).
//
// Errors come from writing files and rendering figures and name the file;
// a cancelled context stops the work between documents. Inputs and Docs
// are plain values: use one per goroutine.
package docs
