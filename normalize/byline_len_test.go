package normalize

import (
	"slices"
	"testing"
)

// The 60-character limit on a name counts characters, so a Cyrillic name
// (two bytes a letter) is kept exactly when its Latin transliteration is.
func TestSplitBylineCyrillicLongName(t *testing.T) {
	for _, name := range []string{"Мария Александровна Константинопольская", "Maria Aleksandrovna Konstantinopolskaya"} {
		people, _ := splitByline(name, nil)
		if !slices.Equal(people, []string{name}) {
			t.Errorf("splitByline(%q) people = %q, want [%q]", name, people, name)
		}
	}
}
