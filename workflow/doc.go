// Package workflow is the pure-Go core of Modelbench: a Project holds the
// state of the six stages (Data, Explore, Prepare, Train, Evaluate, Deploy),
// their statuses and events, and saves and restores itself. Its
// sub-packages hold each stage's machinery. Nothing under workflow imports
// Fyne or gonum/plot; TestImportRules enforces the arrows of STYLE.md.
package workflow
