# Shared by bench/run and bench/remotes: tools, the build, the standard VM, measure(), the AOT training.
# Expects WORK, URI, VM (and optionally VM2) set by the caller.
GIB=$((1024 * 1024 * 1024))
for p in ${BENCH_PACKAGES:-} libnbd-bin qemu-utils time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
    apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
for candidate in /usr/lib/jvm/*25*; do [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate"; done
[[ -f hypervisor-bridge/target/hypervisor-bridge-0.1.0-SNAPSHOT-cli.jar ]] || mvn -B -q -pl hypervisor-bridge -am install -DskipTests

cleanup() {
  for vm in $VM ${VM2:-} $VM-train; do
    virsh -c $URI domjobabort $vm >/dev/null 2>&1 || true
    virsh -c $URI destroy $vm >/dev/null 2>&1 || true
    virsh -c $URI undefine $vm --checkpoints-metadata >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
cleanup
rm -rf "$WORK"; mkdir -p "$WORK"; chmod 777 "$WORK"

# --- the standard VM: 1 GiB of OS files (a tar of /usr), 0.5 GiB random, in a 4 GiB disk
make_disk() { # $1 = image, $2 = virtual size
  local raw="$WORK/build.raw"
  truncate -s "$2" "$raw"
  (tar -cf - /usr/lib /usr/share /usr/bin 2>/dev/null || true) | head -c $GIB | dd of="$raw" conv=notrunc,sparse bs=4M status=none iflag=fullblock
  head -c $((GIB / 2)) /dev/urandom | dd of="$raw" seek=$((2 * GIB)) oflag=seek_bytes conv=notrunc bs=4M status=none iflag=fullblock
  qemu-img convert -q -f raw -O qcow2 "$raw" "$1"
  rm -f "$raw"
}
define_vm() { # $1 = image, $2 = name
  cat >"$WORK/vm.xml" <<XML
<domain type='qemu'><name>${2:-$VM}</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os>
<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='$1'/>
<target dev='vda' bus='virtio'/></disk></devices></domain>
XML
  virsh -c $URI define "$WORK/vm.xml" >/dev/null
  virsh -c $URI start "${2:-$VM}" >/dev/null
}

ROWS=()
RUNS=${RUNS:-3}
# measure LABEL DATA_BYTES STORED_DIR SETUP COMMAND...: runs SETUP (untimed) then COMMAND, $RUNS times, and
# reports the median wall time (this machine is shared and noisy), the largest peak RSS and the median CPU
# time (user + system) of the command.
measure() {
  local label=$1 data=$2 stored=$3 setup=$4; shift 4
  [[ -n ${ONLY:-} && ! $label =~ $ONLY ]] && return 0 # ONLY=regex measures only the rows it matches
  local walls=() cpus=() rss_max=0
  for run in $(seq 1 "$RUNS"); do
    eval "$setup"
    sync; sleep 2 # every tool starts with no write-back of someone else's data in flight
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log"; exit 1; }
    read -r wall rss user sys <"$WORK/time"
    walls+=("$wall"); cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')")
    ((rss > rss_max)) && rss_max=$rss
  done
  local median; median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  local cpu; cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  local mbs; mbs=$(awk -v d="$data" -v w="$median" 'BEGIN { printf "%.0f", (w > 0 ? d / w / 1e6 : 0) }')
  local st="-"; [[ -n "$stored" ]] && st=$(du -sb "$stored" | awk '{ printf "%.0f MB", $1 / 1e6 }')
  ROWS+=("| $label | $median s | $mbs MB/s | $st | $((rss_max / 1024)) MB | $cpu s | ${walls[*]} |")
  echo "  $label: ${walls[*]} s, $st, RSS $((rss_max / 1024)) MB, CPU ${cpus[*]} s" >&2
}
write_96mib() { # $1 = domain, $2 = pattern seed: 24 × 4 MiB spread over the data
  for i in $(seq 0 23); do
    virsh -c $URI qemu-monitor-command "$1" --hmp \
      "qemu-io -d /machine/peripheral/virtio-disk0/virtio-backend \"write -P $(( (i + $2) % 250 + 1 )) $((i * 100))M 4M\"" >/dev/null
  done
  virsh -c $URI qemu-monitor-command "$1" --hmp "qemu-io -d /machine/peripheral/virtio-disk0/virtio-backend flush" >/dev/null
}

# The CLI's ahead-of-time caches (one per kind of datastore, see bin/holdfast-bridge) are trained by their
# first use after a build, as on any installation that has backed up to that storage before:
# train_aot KIND DATASTORE trains one now with a small throwaway VM (not the benchmark's VMs or data) and
# deletes what that backup stored (a local DATASTORE here; callers remove a remote one themselves).
qemu-img create -q -f qcow2 "$WORK/train.qcow2" 256M
qemu-io -f qcow2 -c "write -P 0x5a 0 64M" "$WORK/train.qcow2" >/dev/null
cat >"$WORK/train.xml" <<XML
<domain type='qemu'><name>$VM-train</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os>
<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='$WORK/train.qcow2'/>
<target dev='vda' bus='virtio'/></disk></devices></domain>
XML
virsh -c $URI define "$WORK/train.xml" >/dev/null
train_aot() { # $1 = kind (local, sftp, ftp, ftps, s3), $2 = datastore
  virsh -c $URI start $VM-train >/dev/null
  bin/holdfast-bridge backup --init -d "$2" $VM-train >"$WORK/train.log" 2>&1 || { cat "$WORK/train.log"; exit 1; }
  virsh -c $URI destroy $VM-train >/dev/null # idle, it would still take CPU from the measured runs
  [[ -f hypervisor-bridge/target/hypervisor-bridge-0.1.0-SNAPSHOT-cli-$1.aot ]] || { echo "the $1 AOT cache was not created" >&2; exit 1; }
  [[ $2 == /* ]] && rm -rf "$2"
  return 0
}
