// Package knowledge reads the directives a People's Committee office sends
// (.md, .txt, .docx and, where it can, .pdf), parses them into the domain's
// Directive with its numbered tasks, deadlines and assignees, and answers the
// questions unit heads ask about them from an index built for Vietnamese:
// NFC, tone-placement and diacritic folding, the usual abbreviations and
// syllable bigrams. It never invents a task, a date or a unit: when the
// directives do not answer, the answer says so.
package knowledge
