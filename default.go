package framelens

import _ "embed"

// DefaultStudyFile is the YAML source of the default study, the INF Treaty
// crisis of 2018-2019 (studies/inf.yaml). The binary uses it when no study
// file is given; the file in the repository is the editable copy.
//
//go:embed studies/inf.yaml
var DefaultStudyFile []byte

// DefaultStudyName is the name under which DefaultStudyFile is reported.
const DefaultStudyName = "studies/inf.yaml"
