#!/usr/bin/env bash
# Generates Oolong's test media from ffmpeg's synthetic sources, deterministically.
#
#   scripts/gen-test-media.sh [OUT_DIR]      (default: build/test-media)
#
# Every video carries the frame-index barcode: the frame number N in binary, least significant
# bit on the left, 40 px per bit, in the top 16 rows (luma 235 = 1, 16 = 0, neutral chroma).
# Every audio track is a 440 Hz sine tone. Next to each media file the script writes
# FILE.json, ffprobe's own report of it (-show_format -show_streams -count_packets), and
# FILE.packets.csv, ffprobe's packet list (stream_index,pts_time,dts_time,size,flags, in ffprobe's
# order, side data dropped), which the tests use as their oracles; OUT_DIR/index.json lists every
# fixture.
#
# The output is regenerated only when this script (or the ffmpeg version) changes: a stamp with
# their hash is kept in OUT_DIR/.stamp. Generation happens in a temporary folder that replaces
# OUT_DIR only when complete, so an interrupted run never leaves a half set behind.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$root/build/test-media}

for tool in ffmpeg ffprobe mkvmerge sha256sum; do
  command -v "$tool" >/dev/null || { echo "gen-test-media: '$tool' is missing (apt-get install ffmpeg mkvtoolnix)" >&2; exit 3; }
done

stamp=$( (cat "${BASH_SOURCE[0]}"; ffmpeg -version | head -n 1; mkvmerge --version) | sha256sum | cut -d' ' -f1)
if [[ -f "$out/.stamp" && "$(cat "$out/.stamp")" == "$stamp" ]]; then
  exit 0
fi

# One writer at a time (Maven modules and ./oolong may call this concurrently).
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
if [[ -f "$out/.stamp" && "$(cat "$out/.stamp")" == "$stamp" ]]; then
  exit 0
fi

echo "gen-test-media: generating into $out" >&2
tmp=$(mktemp -d "$out.tmp.XXXXXX")
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p mp4 ts flv webm mkv audio av hls/ts hls/fmp4 hls/master hls/aes

DUR=6
FPS=30
ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
# Deterministic output (PLATFORM.md): bit-exact flags, no metadata, single-threaded encoders.
BITEXACT=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1)

# video source W H: testsrc2 with the barcode painted in the top 16 luma rows (8 chroma rows).
# Only the 16-row strip goes through geq (evaluating it over the whole picture cost 8.7 s of the
# 1080p source alone); the strip is laid over the picture, which keeps testsrc2's own pixels.
vsrc() {
  local w=$1 h=$2
  echo "testsrc2=size=${w}x${h}:rate=${FPS}:duration=${DUR},format=yuv420p,split[pic][top];[top]crop=iw:16:0:0,geq=lum='if(bitand(floor(N/pow(2\,floor(X/40)))\,1)\,235\,16)':cb=128:cr=128[bar];[pic][bar]overlay=0:0:format=yuv420"
}
# audio source RATE: the 440 Hz tone, stereo
asrc() { echo "sine=frequency=440:sample_rate=$1:duration=${DUR},aformat=channel_layouts=stereo"; }

GOP=(-g $FPS -keyint_min $FPS -sc_threshold 0)
X264=(-c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -threads 1 -b:v 900k "${GOP[@]}" -x264-params bframes=2)
AAC=(-c:a aac -b:a 128k -ar 48000)

# Common Encryption's key and key id (lane 1 encrypts with them; index.json names them).
CENC_KEY=00112233445566778899aabbccddeeff
CENC_KID=0123456789abcdef0123456789abcdef

# The encoders are single-threaded (deterministic bytes): two lanes of independent work run side by
# side, one per core of the machines this runs on; what needs both (mkvmerge) waits for them.
lane1() {
  # --- H.264 + AAC: progressive MP4 (both moov placements), fragmented MP4, TS, FLV
  ff -f lavfi -i "$(vsrc 640 360)" -f lavfi -i "$(asrc 48000)" "${X264[@]}" "${AAC[@]}" "${BITEXACT[@]}" \
    -movflags +faststart mp4/h264-aac-moov-first.mp4
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" mp4/h264-aac-moov-last.mp4
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" \
    -movflags +frag_keyframe+empty_moov+default_base_moof mp4/h264-aac-fragmented.mp4
  # CMAF-style: fragments only, no sidx, no mehd, no mfra (segments concatenated): no index, no
  # duration until the end is read
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" \
    -movflags +frag_keyframe+empty_moov+default_base_moof+skip_trailer mp4/h264-aac-cmaf.mp4
  # the same with a sidx per track before the fragments and no mfra at the end
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" \
    -movflags +frag_keyframe+empty_moov+default_base_moof+global_sidx+skip_trailer \
    mp4/h264-aac-fragmented-sidx.mp4
  # Common Encryption (cenc, AES-CTR; video with subsamples): the key
  # and key id go into index.json for the tests (and for the ClearKey licence server).
  CENC=(-encryption_scheme cenc-aes-ctr -encryption_key $CENC_KEY -encryption_kid $CENC_KID)
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${CENC[@]}" "${BITEXACT[@]}" -movflags +faststart \
    mp4/h264-aac-cenc.mp4
  # ffmpeg's fragmented cenc output encrypts the samples but writes no senc/saiz/saio in the trafs;
  # the tests add them (from the progressive file's, same IV sequence) to make a valid CENC file.
  mkdir -p mp4/cenc-parts
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${CENC[@]}" "${BITEXACT[@]}" -f mp4 \
    -movflags +frag_keyframe+empty_moov+default_base_moof mp4/cenc-parts/fragmented-without-senc.bin
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -f mpegts ts/h264-aac.ts
  # A transport stream whose timeline jumps: the same stream, then 600 s later, then back at the
  # start (as spliced or restarted broadcasts do). Not a fixture for the ffprobe cross-check (its
  # extension keeps it out of index.json): the timeline sanitiser's test input.
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -output_ts_offset 600 -f mpegts ts/later.tmp
  cat ts/h264-aac.ts ts/later.tmp ts/h264-aac.ts > ts/discontinuity.m2ts
  rm ts/later.tmp
  # A transport stream with a hole in its video (about 3.57 s to 4.4 s; the audio's is filled with
  # silence by the remuxer): the first 2 s, then the stream from 3 s on with its own timestamps (as
  # a broadcast that lost a stretch). For the MSE path's hole jumping; not in index.json.
  ff -i mp4/h264-aac-moov-first.mp4 -c copy -t 2 "${BITEXACT[@]}" -f mpegts ts/part1.tmp
  ff -ss 3 -i mp4/h264-aac-moov-first.mp4 -c copy -copyts "${BITEXACT[@]}" -f mpegts ts/part2.tmp
  cat ts/part1.tmp ts/part2.tmp > ts/hole.m2ts
  rm ts/part1.tmp ts/part2.tmp
  # Streams on a broadcast clock: one whose 33-bit clock starts 1.3 s before it wraps (and wraps
  # mid-stream), one ten hours into it. Media time must start at 0 on both paths and run through
  # the wrap seamlessly. Not in index.json; their ffprobe reports are written below (ffprobe
  # subtracts 2^33 before the wrap where Oolong adds it after: both put the start at the same 0).
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -output_ts_offset 95441 -mpegts_m2ts_mode 0 -f mpegts ts/near-wrap.m2ts
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -output_ts_offset 36000 -mpegts_m2ts_mode 0 -f mpegts ts/late-start.m2ts
  # The M2TS form (Blu-ray, AVCHD camcorders): 192-byte packets, a 4-byte arrival time stamp before
  # each transport packet. Video only: in this form ffmpeg writes AAC and MP3 as private streams
  # (type 0x06, no descriptor) that only payload probing would recognise. Not in index.json.
  ff -i mp4/h264-aac-moov-first.mp4 -c copy -an "${BITEXACT[@]}" -mpegts_m2ts_mode 1 -f mpegts ts/bdav.m2ts
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -f flv flv/h264-aac.flv
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -flvflags add_keyframe_index -f flv \
    flv/h264-aac-indexed.flv
  # MP3 next to H.264 (Chromium takes MP3 only as audio/mpeg: a second SourceBuffer on the MSE path)
  ff -i mp4/h264-aac-moov-first.mp4 -c:v copy -c:a libmp3lame -b:a 64k "${BITEXACT[@]}" -f flv flv/h264-mp3.flv
  ff -i mp4/h264-aac-moov-first.mp4 -c:v copy -c:a libmp3lame -b:a 64k "${BITEXACT[@]}" -f mpegts ts/h264-mp3.ts

  # --- HLS: TS segments, fMP4 segments, and a master playlist with two renditions
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -f hls -hls_time 2 -hls_playlist_type vod \
    -hls_segment_filename hls/ts/seg%03d.ts hls/ts/index.m3u8
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -f hls -hls_time 2 -hls_playlist_type vod \
    -hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4 -hls_segment_filename hls/fmp4/seg%03d.m4s \
    hls/fmp4/index.m3u8
  # AES-128: the segments of hls/ts, encrypted whole (key.bin; the IV is given, so the output is
  # fixed). ffprobe refuses to read a key named so, so hls/ts's oracles serve it; the tests check
  # that the decrypted segments are hls/ts's bytes.
  printf '0123456789abcdef' > hls/aes/key.bin
  printf 'key.bin\nhls/aes/key.bin\n000102030405060708090a0b0c0d0e0f\n' > hls/aes/keyinfo
  ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" -f hls -hls_time 2 -hls_playlist_type vod \
    -hls_key_info_file hls/aes/keyinfo -hls_segment_filename hls/aes/seg%03d.ts hls/aes/index.m3u8
  rm hls/aes/keyinfo
  ff -f lavfi -i "$(vsrc 640 360)" -f lavfi -i "$(vsrc 320 180)" -f lavfi -i "$(asrc 48000)" \
    -map 0:v -map 2:a -map 1:v -map 2:a \
    -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -threads 1 "${GOP[@]}" \
    -b:v:0 900k -b:v:1 300k "${AAC[@]}" "${BITEXACT[@]}" \
    -f hls -hls_time 2 -hls_playlist_type vod -master_pl_name master.m3u8 \
    -var_stream_map "v:0,a:0 v:1,a:1" -hls_segment_filename 'hls/master/v%v/seg%03d.ts' 'hls/master/v%v/index.m3u8'

  # --- HEVC in MP4 (tagged hvc1)
  ff -f lavfi -i "$(vsrc 640 360)" -f lavfi -i "$(asrc 48000)" \
    -c:v libx265 -preset ultrafast -tag:v hvc1 -b:v 700k \
    -x265-params "pools=1:frame-threads=1:keyint=$FPS:min-keyint=$FPS:scenecut=0:log-level=error" \
    "${AAC[@]}" "${BITEXACT[@]}" mp4/hevc-aac.mp4
  ff -i mp4/hevc-aac.mp4 -c copy "${BITEXACT[@]}" -f mpegts ts/hevc-aac.ts

  # --- Audio only: Ogg Opus/Vorbis/FLAC, MP3 (VBR, Xing header), ADTS AAC, FLAC
  ff -f lavfi -i "$(asrc 48000)" -c:a libopus -b:a 96k "${BITEXACT[@]}" audio/opus.ogg
  ff -f lavfi -i "$(asrc 44100)" -c:a libvorbis -q:a 3 "${BITEXACT[@]}" audio/vorbis.ogg
  ff -f lavfi -i "$(asrc 48000)" -c:a flac "${BITEXACT[@]}" audio/flac.ogg
  ff -f lavfi -i "$(asrc 44100)" -c:a libmp3lame -q:a 4 "${BITEXACT[@]}" audio/tone.mp3
  ff -f lavfi -i "$(asrc 48000)" "${AAC[@]}" "${BITEXACT[@]}" -f adts audio/tone.aac
  ff -f lavfi -i "$(asrc 48000)" -c:a flac "${BITEXACT[@]}" audio/tone.flac

}
lane2() {
  # --- Larger pictures and tagged colour for the canvas path (0 drops at 720p30, the decode+render
  # rate, the colour matrix and range read from the bitstream): 720p and 1080p BT.709 limited
  # range, and 360p BT.601 (SMPTE 170M) full range.
  BT709=(-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv)
  ff -f lavfi -i "$(vsrc 1280 720)" -f lavfi -i "$(asrc 48000)" "${X264[@]}" -b:v 2500k "${BT709[@]}" \
    "${AAC[@]}" "${BITEXACT[@]}" -movflags +faststart mp4/h264-720p-bt709.mp4
  ff -f lavfi -i "$(vsrc 1920 1080)" -f lavfi -i "$(asrc 48000)" "${X264[@]}" -b:v 5000k "${BT709[@]}" \
    "${AAC[@]}" "${BITEXACT[@]}" -movflags +faststart mp4/h264-1080p-bt709.mp4
  ff -f lavfi -i "$(vsrc 640 360)" -f lavfi -i "$(asrc 48000)" "${X264[@]}" \
    -colorspace smpte170m -color_primaries smpte170m -color_trc smpte170m -color_range pc \
    "${AAC[@]}" "${BITEXACT[@]}" -movflags +faststart mp4/h264-bt601-fullrange.mp4

  # --- WebM: VP9 + Opus, VP8 + Vorbis, AV1 + Opus; AV1 in MP4 remuxed from the WebM (PLATFORM.md).
  # libvpx's realtime deadline adapts its speed to the wall clock (different bytes under load): use
  # the 'good' deadline, which does not.
  ff -f lavfi -i "$(vsrc 640 360)" -f lavfi -i "$(asrc 48000)" \
    -c:v libvpx-vp9 -deadline good -cpu-used 5 -row-mt 0 -threads 1 -b:v 700k "${GOP[@]}" \
    -c:a libopus -b:a 96k "${BITEXACT[@]}" webm/vp9-opus.webm
  ff -f lavfi -i "$(vsrc 640 360)" -f lavfi -i "$(asrc 48000)" \
    -c:v libvpx -deadline good -cpu-used 5 -threads 1 -b:v 700k "${GOP[@]}" \
    -c:a libvorbis -q:a 3 "${BITEXACT[@]}" webm/vp8-vorbis.webm
  ff -f lavfi -i "$(vsrc 640 360)" -f lavfi -i "$(asrc 48000)" \
    -c:v libaom-av1 -usage realtime -cpu-used 8 -row-mt 0 -threads 1 -b:v 500k "${GOP[@]}" \
    -c:a libopus -b:a 96k "${BITEXACT[@]}" webm/av1-opus.webm
  ff -i webm/av1-opus.webm -c copy "${BITEXACT[@]}" mp4/av1-opus.mp4

  # --- A/V sync from outside the engine: 10 s of a dark picture where frame 15 of every second
  # (t = k + 0.5 s) is white, and silence with a 10 ms 1 kHz click starting at the same instants;
  # the barcode as everywhere. The bench (AvSyncBenchmarkTest) times the flash in the picture the
  # page sees and the click at the audio output. Not in index.json (av/ is left out below).
  ff -f lavfi -i "color=c=black:size=640x360:rate=${FPS}:duration=10,format=yuv420p,geq=lum='if(lt(Y\,16)\,if(bitand(floor(N/pow(2\,floor(X/40)))\,1)\,235\,16)\,if(eq(mod(N\,${FPS})\,${FPS}/2)\,235\,24))':cb=128:cr=128" \
    -f lavfi -i "aevalsrc=exprs='if(between(mod(t\,1)\,0.5\,0.51)\,0.8*sin(2*PI*1000*t)\,0)':sample_rate=48000:duration=10,aformat=channel_layouts=stereo" \
    "${X264[@]}" "${AAC[@]}" "${BITEXACT[@]}" -movflags +faststart av/flash-click.mp4

}
lane1 & lane1_pid=$!
lane2 & lane2_pid=$!
failed=0
wait "$lane1_pid" || failed=1
wait "$lane2_pid" || failed=1
if (( failed )); then
  echo "gen-test-media: an encode failed (see above)" >&2
  exit 1
fi

# --- Another muxer: mkvmerge (MKVToolNix; --deterministic for identical bytes) writes H.264+AAC
# and VP8+Vorbis Matroska with laced audio (AAC with a DefaultDuration, Vorbis without), and
# ffmpeg's own Matroska muxer H.264+AAC (B-frames in Matroska, which has no decode times).
mkdir -p mkv
mkvmerge -q --deterministic 1 -o mkv/h264-aac.mkvmerge.mkv mp4/h264-aac-moov-first.mp4
mkvmerge -q --deterministic 1 -o mkv/vp8-vorbis.mkvmerge.mkv webm/vp8-vorbis.webm
ff -i mp4/h264-aac-moov-first.mp4 -c copy "${BITEXACT[@]}" mkv/h264-aac.mkv

# --- Damaged media (issue 16): files cut short, and files with bit errors or lost packets. Seeded
# and deterministic: the damage is drawn with Perl's rand (its own drand48 on every platform since
# Perl 5.20). The first 4 KiB are spared (headers: a damaged moov or PMT leaves nothing for anyone
# to play). Each file's oracle is FILE.frames: the video frames ffmpeg decodes from it
# (concealing what it can), and the frames of the intact source.
mkdir -p damaged
# bits SEED RATE IN OUT: flips one random bit in about RATE of the bytes after the first 4 KiB
bits() {
  perl -e 'my ($seed, $rate, $in, $out) = @ARGV; srand($seed);
    open(my $f, "<:raw", $in) or die "$in: $!"; local $/; my $d = <$f>; close $f;
    my $n = length($d) - 4096; my $count = int($n * $rate + 0.5);
    for (1 .. $count) { my $p = 4096 + int(rand($n)); my $bit = int(rand(8));
      substr($d, $p, 1) = chr(ord(substr($d, $p, 1)) ^ (1 << $bit)); }
    open(my $o, ">:raw", $out) or die "$out: $!"; print $o $d; close $o;' "$@"
}
# losses SEED IN OUT: drops bursts of 1 to 16 transport packets, about one burst per 100 packets
losses() {
  perl -e 'my ($seed, $in, $out) = @ARGV; srand($seed);
    open(my $f, "<:raw", $in) or die "$in: $!"; local $/; my $d = <$f>; close $f;
    my $packets = int(length($d) / 188); my $kept = substr($d, 0, 22 * 188); my $i = 22;
    while ($i < $packets) { if (rand() < 0.01) { $i += 1 + int(rand(16)); next; }
      $kept .= substr($d, $i * 188, 188); $i++; }
    open(my $o, ">:raw", $out) or die "$out: $!"; print $o $kept; close $o;' "$@"
}
for src in mp4/h264-aac-moov-first.mp4 ts/h264-aac.ts flv/h264-aac.flv webm/vp9-opus.webm; do
  size=$(stat -c %s "$src")
  for share in 25 50 75; do
    head -c $(( size * share / 100 + 61 )) "$src" > "damaged/cut$share-${src//\//-}"
  done
done
seed=1
for src in ts/h264-aac.ts flv/h264-aac.flv mp4/h264-aac-fragmented.mp4; do
  for rate in 0.00001 0.0001 0.0005; do
    bits $(( seed++ )) "$rate" "$src" "damaged/bits$rate-${src//\//-}"
  done
done
losses 7 ts/h264-aac.ts damaged/losses-ts-h264-aac.ts
frames() {
  ffmpeg -nostdin -v quiet -i "$1" -map 0:v:0 -fps_mode passthrough -f framecrc - | grep -vc '^#' || true
}
declare -A intact
for src in mp4/h264-aac-moov-first.mp4 ts/h264-aac.ts flv/h264-aac.flv webm/vp9-opus.webm mp4/h264-aac-fragmented.mp4; do
  intact[$src]=$(frames "$src")
done
damaged_files=(damaged/*)
frames_lane() {
  local i f name
  for (( i = $1; i < ${#damaged_files[@]}; i += 2 )); do
    f=${damaged_files[i]}
    name=${f#damaged/}; name=${name#cut[0-9][0-9]-}; name=${name#bits*-}; name=${name#losses-}
    printf '%s %s\n' "$(frames "$f")" "${intact[${name/-//}]}" > "$f.frames"
  done
}
frames_lane 0 & frames0_pid=$!
frames_lane 1 & frames1_pid=$!
wait "$frames0_pid" || failed=1
wait "$frames1_pid" || failed=1

# --- Oracle manifests and the index
probe() { ffprobe -v error -allowed_extensions ALL -show_format -show_streams -count_packets -of json "$1"; }
packets() {
  ffprobe -v error -allowed_extensions ALL -show_packets \
    -show_entries packet=stream_index,pts_time,dts_time,size,flags -of csv=p=0 "$1" |
    cut -d, -f1-5 | grep -E '^[0-9]+,' || true
}
# The fixtures in index.json (sorted), then the oracles of those kept out of it: the hole (its
# second part keeps the source's times without the MP4 edit list's shift), the broadcast clocks and
# the A/V fixture. Probed in two lanes, as the encodes.
fixtures=()
while IFS= read -r f; do
  f=${f#./}
  case "$f" in hls/*/seg*|hls/*/v*/seg*|hls/*/init.mp4|hls/aes/*|av/*|damaged/*) continue ;; esac
  fixtures+=("$f")
done < <(find . -type f \( -name '*.mp4' -o -name '*.ts' -o -name '*.flv' -o -name '*.webm' \
  -o -name '*.mkv' -o -name '*.ogg' -o -name '*.mp3' -o -name '*.aac' -o -name '*.flac' -o -name '*.m3u8' \) | LC_ALL=C sort)
oracles=("${fixtures[@]}" ts/hole.m2ts ts/near-wrap.m2ts ts/late-start.m2ts ts/bdav.m2ts av/flash-click.mp4)
probe_lane() {
  local i
  for (( i = $1; i < ${#oracles[@]}; i += 2 )); do
    probe "${oracles[i]}" > "${oracles[i]}.json"
    packets "${oracles[i]}" > "${oracles[i]}.packets.csv"
  done
}
probe_lane 0 & probe0_pid=$!
probe_lane 1 & probe1_pid=$!
wait "$probe0_pid" || failed=1
wait "$probe1_pid" || failed=1
if (( failed )); then
  echo "gen-test-media: ffprobe failed (see above)" >&2
  exit 1
fi
entries=()
for f in "${fixtures[@]}"; do
  entries+=("\"$f\"")
done
# --- Fuzzing seeds: byte 0 picks the extractor (the order of dev.oolong.extractor.Extractors),
# byte 1 the chunk size; then the first 4 KiB of a fixture of that container.
seeds=fuzz-seeds/dev/oolong/fuzz/ExtractorFuzzTestInputs/extractorsEndTyped
long_seeds=fuzz-seeds/dev/oolong/fuzz/ExtractorFuzzLongRunInputs/extractorsEndTyped
mkdir -p "$seeds" "$long_seeds"
seed() {
  { printf "\\x$(printf %02x "$1")\\x05"; head -c 4096 "$2"; } > "$seeds/$(basename "$2").seed"
  cp "$seeds/$(basename "$2").seed" "$long_seeds/"
}
seed 0 mp4/h264-aac-moov-first.mp4; seed 0 mp4/h264-aac-fragmented.mp4; seed 1 ts/h264-aac.ts
seed 2 flv/h264-aac.flv; seed 3 webm/vp9-opus.webm; seed 3 webm/vp8-vorbis.webm; seed 4 audio/opus.ogg
seed 4 audio/vorbis.ogg; seed 4 audio/flac.ogg; seed 5 audio/tone.flac; seed 6 audio/tone.aac; seed 7 audio/tone.mp3
( IFS=,; printf '{"tone_hz":440,"fps":%d,"duration_s":%d,"barcode":{"rows":16,"bit_width_px":40},"cenc":{"key":"%s","kid":"%s"},"files":[%s]}\n' \
  "$FPS" "$DUR" "$CENC_KEY" "$CENC_KID" "${entries[*]}" ) > index.json

echo "$stamp" > .stamp
cd /
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "gen-test-media: done ($(find "$out" -type f | wc -l) files)" >&2
