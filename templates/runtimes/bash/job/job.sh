# patchproof's script-job helper for bash (source /opt/patchproof/job/job.sh). The job's input and
# variables arrive root-owned under /workspace/code/job/; what the script sets is kept under
# /workspace/patchproof-job/ and written out as result.json after every change, which patchproof reads.
#   job_input              print the input (JSON text)
#   job_var NAME           print a variable (its latest value)
#   job_set_var NAME VALUE set a variable
#   job_output TEXT        the job's output, a string
#   job_output_json JSON   the job's output, JSON text as given
#   job_condition TEXT     the condition the caller branches on
_PPJ_IN=/workspace/code/job
_PPJ_OUT=/workspace/patchproof-job
mkdir -p "$_PPJ_OUT/vars"

_ppj_name() { [[ "$1" =~ ^[A-Za-z_][A-Za-z0-9_]{0,63}$ ]] || { echo "patchproof job: bad variable name: $1" >&2; return 2; }; }
_ppj_str() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}; s=${s//$'\t'/\\t}
  # The other control characters (rare): \u escapes, one by one.
  if [[ $s =~ [[:cntrl:]] ]]; then
    local out='' c i
    for ((i = 0; i < ${#s}; i++)); do
      c=${s:i:1}
      [[ $c == [[:cntrl:]] ]] && printf -v c '\\u%04x' "'$c"
      out+=$c
    done
    s=$out
  fi
  printf '"%s"' "$s"
}
_ppj_write() {
  local sep='' name f out
  {
    printf '{"variables":{'
    for f in "$_PPJ_IN"/vars/* "$_PPJ_OUT"/vars/*; do
      [ -f "$f" ] || continue
      name=${f##*/}
      # a value set here wins over the one given
      if [ "${f%/*}" = "$_PPJ_IN/vars" ] && [ -f "$_PPJ_OUT/vars/$name" ]; then continue; fi
      out=$(cat "$f"; printf x)
      printf '%s%s:%s' "$sep" "$(_ppj_str "$name")" "$(_ppj_str "${out%x}")"
      sep=','
    done
    printf '}'
    [ -f "$_PPJ_OUT/output.json" ] && printf ',"output":%s' "$(cat "$_PPJ_OUT/output.json")"
    [ -f "$_PPJ_OUT/condition" ] && printf ',"condition":%s' "$(_ppj_str "$(cat "$_PPJ_OUT/condition")")"
    printf '}'
  } > "$_PPJ_OUT/result.tmp" && mv -f "$_PPJ_OUT/result.tmp" "$_PPJ_OUT/result.json"
}

job_input() { cat "$_PPJ_IN/input.json"; }
job_var() {
  _ppj_name "$1" || return 2
  if [ -f "$_PPJ_OUT/vars/$1" ]; then cat "$_PPJ_OUT/vars/$1"; elif [ -f "$_PPJ_IN/vars/$1" ]; then cat "$_PPJ_IN/vars/$1"; fi
}
job_set_var() { _ppj_name "$1" || return 2; printf '%s' "$2" > "$_PPJ_OUT/vars/$1" && _ppj_write; }
job_output() { _ppj_str "$1" > "$_PPJ_OUT/output.json" && _ppj_write; }
job_output_json() { printf '%s' "$1" > "$_PPJ_OUT/output.json" && _ppj_write; }
job_condition() { printf '%s' "$1" > "$_PPJ_OUT/condition" && _ppj_write; }
_ppj_write
