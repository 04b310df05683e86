package reminders

import (
	"encoding/json"

	"chidao"
)

// reportOccurrence returns the occurrence key a report is for ("" for a
// one-off task). It reads the report's JSON field "occurrence", exactly as
// the store keys reports, so it keeps working whether or not chidao.Report
// carries the field as a struct member.
func reportOccurrence(r chidao.Report) string {
	b, err := json.Marshal(r)
	if err != nil {
		return ""
	}
	var x struct {
		Occurrence string `json:"occurrence"`
	}
	if err := json.Unmarshal(b, &x); err != nil {
		return ""
	}
	return x.Occurrence
}
