// Package assets embeds everything Modelbench ships inside its binary: the
// sample datasets with their stories, sources and licences, the guide texts
// shown beside every step, the deployment checklist definition and the
// application icon. Nothing is read from disk or the network at run time.
//
// Error contract: errors only arise for unknown names (a sample's error
// lists the available ones) and, wrapped with the sample's name, for an
// embedded file that cannot be parsed.
//
// Concurrency: all functions are safe for concurrent use; returned slices
// are copies.
package assets
