// Package warm imports the standard packages tests commonly use, so that building it fills the
// image's Go build cache with them (Go >= 1.20 ships no precompiled standard library).
package warm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

var (
	_ = bufio.NewReader
	_ = bytes.NewBuffer
	_ = context.Background
	_ = json.Marshal
	_ = errors.New
	_ = fmt.Sprintf
	_ = io.EOF
	_ = math.Abs
	_ = os.Getenv
	_ = filepath.Join
	_ = reflect.DeepEqual
	_ = regexp.MustCompile
	_ = sort.Ints
	_ = strconv.Itoa
	_ = strings.ToUpper
	_ = sync.NewCond
	_ = time.Now
	_ = unicode.IsUpper
)

// Double is covered by the warm-up test, so the coverage runtime is compiled too.
func Double(n int) int { return 2 * n }
