package bot

import (
	"os"
	"strings"
	"testing"
)

// README's command table names every chat command, so that what a person
// reads there is what the bot answers.
func TestReadmeListsEveryCommand(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commandList() {
		if !strings.Contains(string(readme), "`/"+c.name) {
			t.Errorf("README does not mention /%s", c.name)
		}
	}
}
