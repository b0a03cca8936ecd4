package telegramtest

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// entity is a MessageEntity in Telegram's wire form; offsets and lengths are
// in UTF-16 code units, as Telegram counts them.
type entity struct {
	Type     string `json:"type"`
	Offset   int    `json:"offset"`
	Length   int    `json:"length"`
	URL      string `json:"url,omitempty"`
	Language string `json:"language,omitempty"`
}

// htmlTags maps the tags Telegram's HTML parse mode accepts to entity types.
var htmlTags = map[string]string{
	"b": "bold", "strong": "bold", "i": "italic", "em": "italic",
	"u": "underline", "ins": "underline", "s": "strikethrough",
	"strike": "strikethrough", "del": "strikethrough", "a": "text_link",
	"code": "code", "pre": "pre", "tg-spoiler": "spoiler", "span": "spoiler",
	"blockquote": "blockquote",
}

type openTag struct {
	name  string
	ent   entity // Type "" when the tag produces no entity
	start int
}

type htmlParser struct {
	src   string
	pos   int
	out   strings.Builder
	u16   int
	stack []openTag
	ents  []entity
}

// parseHTML turns text in HTML parse mode into the displayed text and its
// entities, refusing markup Telegram would refuse. The returned problem is
// Telegram's description after "can't parse entities: ".
func parseHTML(src string) (plain string, ents []entity, problem string) {
	p := &htmlParser{src: src}
	for p.pos < len(src) {
		switch src[p.pos] {
		case '<':
			if problem = p.tag(); problem != "" {
				return "", nil, problem
			}
		case '&':
			p.charRef()
		default:
			r, size := utf8.DecodeRuneInString(src[p.pos:])
			p.emit(r)
			p.pos += size
		}
	}
	if n := len(p.stack); n > 0 {
		return "", nil, fmt.Sprintf("Can't find end tag corresponding to start tag %q", p.stack[n-1].name)
	}
	slices.SortStableFunc(p.ents, func(a, b entity) int {
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		return b.Length - a.Length
	})
	return p.out.String(), p.ents, ""
}

func (p *htmlParser) emit(r rune) {
	p.out.WriteRune(r)
	p.u16 += utf16Len(r)
}

func (p *htmlParser) tag() string {
	if strings.HasPrefix(p.src[p.pos:], "</") {
		return p.endTag()
	}
	at := p.pos
	i := p.pos + 1
	for i < len(p.src) && isNameByte(p.src[i]) {
		i++
	}
	name := strings.ToLower(p.src[p.pos+1 : i])
	if name == "" {
		return fmt.Sprintf("Unexpected end of name token at byte offset %d", i)
	}
	if _, ok := htmlTags[name]; !ok {
		return fmt.Sprintf("Unsupported start tag %q at byte offset %d", name, at)
	}
	p.pos = i
	attrs, problem := p.attributes()
	if problem != "" {
		return problem
	}
	ent, problem := p.entityFor(name, attrs, at)
	if problem != "" {
		return problem
	}
	p.stack = append(p.stack, openTag{name: name, ent: ent, start: p.u16})
	return ""
}

func (p *htmlParser) endTag() string {
	at := p.pos
	gt := strings.IndexByte(p.src[at:], '>')
	if gt < 0 {
		return fmt.Sprintf("Unclosed end tag at byte offset %d", at)
	}
	name := strings.ToLower(strings.TrimSpace(p.src[at+2 : at+gt]))
	p.pos = at + gt + 1
	n := len(p.stack)
	if n == 0 {
		return fmt.Sprintf("Unexpected end tag at byte offset %d", at)
	}
	top := p.stack[n-1]
	if top.name != name {
		return fmt.Sprintf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", at, top.name, name)
	}
	p.stack = p.stack[:n-1]
	// Telegram drops entities that cover no text.
	if top.ent.Type != "" && p.u16 > top.start {
		e := top.ent
		e.Offset, e.Length = top.start, p.u16-top.start
		p.ents = append(p.ents, e)
	}
	return ""
}

// attributes reads name="value" pairs up to and including '>'.
func (p *htmlParser) attributes() (map[string]string, string) {
	attrs := make(map[string]string)
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, fmt.Sprintf("Unclosed start tag at byte offset %d", p.pos)
		}
		switch c := p.src[p.pos]; {
		case c == '>':
			p.pos++
			return attrs, ""
		case c == '/':
			p.pos++
			continue
		case !isNameByte(c):
			return nil, fmt.Sprintf("Unexpected character %q in a tag at byte offset %d", c, p.pos)
		}
		start := p.pos
		for p.pos < len(p.src) && isNameByte(p.src[p.pos]) {
			p.pos++
		}
		name := strings.ToLower(p.src[start:p.pos])
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != '=' {
			attrs[name] = ""
			continue
		}
		p.pos++
		p.skipSpace()
		v, problem := p.attrValue()
		if problem != "" {
			return nil, problem
		}
		attrs[name] = v
	}
}

func (p *htmlParser) attrValue() (string, string) {
	if p.pos >= len(p.src) {
		return "", fmt.Sprintf("Unclosed start tag at byte offset %d", p.pos)
	}
	if q := p.src[p.pos]; q == '"' || q == '\'' {
		end := strings.IndexByte(p.src[p.pos+1:], q)
		if end < 0 {
			return "", fmt.Sprintf("Unclosed start tag at byte offset %d", p.pos)
		}
		v := p.src[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return unescapeHTML(v), ""
	}
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] != '>' && !isSpace(p.src[p.pos]) {
		p.pos++
	}
	return unescapeHTML(p.src[start:p.pos]), ""
}

func (p *htmlParser) entityFor(name string, attrs map[string]string, at int) (entity, string) {
	e := entity{Type: htmlTags[name]}
	switch name {
	case "a":
		e.URL = attrs["href"]
		if e.URL == "" {
			e.Type = "" // an <a> without href is plain text
		}
	case "span":
		if attrs["class"] != "tg-spoiler" {
			return e, fmt.Sprintf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", at)
		}
	case "blockquote":
		if _, ok := attrs["expandable"]; ok {
			e.Type = "expandable_blockquote"
		}
	case "code":
		// <pre><code class="language-go"> sets the pre's language instead.
		n := len(p.stack)
		lang, ok := strings.CutPrefix(attrs["class"], "language-")
		if ok && n > 0 && p.stack[n-1].name == "pre" {
			p.stack[n-1].ent.Language = lang
			e.Type = ""
		}
	}
	return e, ""
}

func (p *htmlParser) charRef() {
	r, size := decodeCharRef(p.src[p.pos:])
	if size == 0 {
		p.emit('&')
		p.pos++
		return
	}
	p.emit(r)
	p.pos += size
}

func (p *htmlParser) skipSpace() {
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameByte(c byte) bool {
	return c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
