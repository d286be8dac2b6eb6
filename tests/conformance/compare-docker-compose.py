#!/usr/bin/env python3
# compare-docker-compose.py: Wharf's loader agrees with Docker's own.
#
# For each file of ../shared/peer-tests/compose-spec and awesome-compose that
# docker-compose 1.29 can read, copies its folder to a temporary one (with
# stand-ins for the build contexts and secret files 1.29 insists on), runs
# `docker-compose config` and `wharf-cli config --format json` on it,
# normalises both models to one JSON shape and compares them service by
# service. Every normalisation step that hides a difference is justified in
# README.md (same folder). Exit status: 0 agree, 1 disagree, 77 skipped
# (docker-compose, PyYAML or the corpus is absent).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("SKIP: PyYAML is not installed for", sys.executable)
    sys.exit(77)

SKIP = 77

# One comparison: the peer folder (below peer-tests), the -f files (None:
# default discovery), extra process environment, --env-file, --profile,
# stand-ins (folders "d/" or empty files) and whether the top-level
# `name:` is moved to -p (1.29 refuses `name:`).
CASES = [
    dict(id="simple/variables", dir="compose-spec/compose-go/cli/testdata/simple",
         files=["compose-with-variables.yaml"]),
    dict(id="simple/set-of-files", dir="compose-spec/compose-go/cli/testdata/simple",
         files=["compose.yaml", "compose-with-overrides.yaml"]),
    dict(id="env-file/env-files", dir="compose-spec/compose-go/cli/testdata/env-file",
         files=["compose-with-env-files.yaml"], env_files=["override.env"]),
    dict(id="env-file/dot-env", dir="compose-spec/compose-go/cli/testdata/env-file"),
    dict(id="loader/depends-on-cycle", dir="compose-spec/compose-go/loader/testdata",
         files=["compose-depends-on-cycle.yaml"], strip_name=True, fails=True),
    dict(id="loader/depends-on-self", dir="compose-spec/compose-go/loader/testdata",
         files=["compose-depends-on-self.yaml"], strip_name=True, fails=True),
    dict(id="loader/extends-imported", dir="compose-spec/compose-go/loader/testdata",
         files=["compose-test-extends.yaml"], strip_name=True),
    dict(id="loader/imported", dir="compose-spec/compose-go/loader/testdata/subdir",
         files=["compose-test-extends-imported.yaml"]),
    dict(id="extends/sibling", dir="compose-spec/compose-go/loader/testdata/extends",
         files=["sibling.yaml"]),
    dict(id="extends/ports", dir="compose-spec/compose-go/loader/testdata/extends",
         files=["ports.yaml"]),
    dict(id="extends/interpolated", dir="compose-spec/compose-go/loader/testdata/extends",
         files=["interpolated.yaml"]),
    dict(id="extends/interpolated-source", dir="compose-spec/compose-go/loader/testdata/extends",
         files=["interpolated.yaml"], env={"SOURCE": "/srv/data"}),
    dict(id="extends/depends_on", dir="compose-spec/compose-go/loader/testdata/extends",
         files=["depends_on.yaml"]),
    dict(id="extends/withdir", dir="compose-spec/compose-go/loader/testdata/extends/withdir",
         files=["compose.yaml"]),
    dict(id="include/included", dir="compose-spec/compose-go/loader/testdata/include",
         files=["included.yaml"]),
    dict(id="e2e/up-profile", dir="compose-spec/docker-compose/pkg/e2e/testdata/TestUpProfile"),
    dict(id="e2e/up-profile-test", dir="compose-spec/docker-compose/pkg/e2e/testdata/TestUpProfile",
         profiles=["test"]),
    dict(id="e2e/dotenv", dir="compose-spec/docker-compose/pkg/e2e/fixtures/dotenv"),
    dict(id="e2e/env-priority", dir="compose-spec/docker-compose/pkg/e2e/testdata/TestEnvPriority"),
    dict(id="e2e/env-priority-override", dir="compose-spec/docker-compose/pkg/e2e/testdata/TestEnvPriority",
         env_files=[".env.override"]),
]

# full-example.yml in the dialect 1.29 reads (see full_example_for_129):
# as is but for v2-only keys, 1.29 refuses `network_mode` with `networks`,
# as compose-go's consistency check does; without network_mode, the rest
# is compared.
FULL_EXAMPLE_STAND_INS = ["example1.label", "example2.label", "config_data", "secret_data",
                          "dir/", "static/", "opt/"]
CASES += [
    dict(id="full-example/network-mode-and-networks", dir="compose-spec/compose-go@v2.9.1/loader",
         files=["full-example.yml"], stand_ins=FULL_EXAMPLE_STAND_INS, strip_name=True,
         transform="full-example", env={"QUX": "qux_from_environment"}, fails=True),
    dict(id="full-example/rest", dir="compose-spec/compose-go@v2.9.1/loader",
         files=["full-example.yml"], stand_ins=FULL_EXAMPLE_STAND_INS, strip_name=True,
         transform="full-example-no-network-mode", env={"QUX": "qux_from_environment"}),
]

AWESOME = {
    "elasticsearch-logstash-kibana": [],
    "minecraft": [],
    "nginx-golang-mysql": ["backend/", "proxy/", "db/password.txt"],
    "pihole-cloudflared-DoH": [],
    "postgresql-pgadmin": [],
    "react-express-mysql": ["backend/", "frontend/", "db/password.txt"],
    "react-java-mysql": ["backend/", "frontend/", "db/password.txt"],
    "react-rust-postgres": ["backend/", "frontend/"],
    "traefik-golang": ["backend/"],
    "wasmedge-mysql-nginx": ["backend/"],
    "wireguard": [],
    "wordpress-mysql": [],
}
for _sample, _stand_ins in sorted(AWESOME.items()):
    CASES.append(dict(id="awesome/" + _sample, dir="awesome-compose/" + _sample,
                      stand_ins=_stand_ins, strip_name=(_sample == "react-rust-postgres")))

# Files docker-compose 1.29 cannot read, and why (README.md, "Files 1.29
# cannot read"). Checked: if 1.29 starts reading one, the list is stale.
UNREADABLE = {
    "compose-spec/compose-go/cli/testdata/simple/compose-name.yaml": "interpolation in top-level name:",
    "compose-spec/compose-go/schema/using-variables.yaml": "no value of VARIABLE is valid everywhere",
    "compose-spec/compose-go/loader/testdata/compose-include.yaml": "include:",
    "compose-spec/compose-go/loader/testdata/compose-include-cycle.yaml": "include:",
    "compose-spec/compose-go/loader/testdata/include/compose.yaml": "include:",
    "compose-spec/compose-go/loader/testdata/extends/base.yaml": "service without image or build",
    "compose-spec/compose-go/loader/testdata/extends/reset.yaml": "!reset tag",
    "compose-spec/docker-compose/pkg/e2e/testdata/TestSecretFromEnv/compose.yaml": "include:, secrets from environment:",
    "compose-spec/compose-go@v2.9.1/loader/full-example.yml": "annotations, label_file, build.tags … (Compose v2 keys)",
}

# Differences that are bugs in Wharf's loader, waiting for a fix:
# (case id, service, key) -> explanation. A listed difference does not fail
# the test; a listed one that no longer differs does (remove the mark).
KNOWN_FAILURES = {
}


def fail(msg):
    print("FAIL:", msg)
    return False


# ---------------------------------------------------------------------------
# Normalisation

DURATION_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024 ** 2, "mb": 1024 ** 2,
              "g": 1024 ** 3, "gb": 1024 ** 3, "t": 1024 ** 4, "tb": 1024 ** 4}
DURATION_KEYS = {"interval", "timeout", "start_period", "start_interval", "stop_grace_period",
                 "delay", "window", "monitor"}
SIZE_KEYS = {"memory", "mem_limit", "mem_reservation", "memswap_limit", "shm_size", "size"}


def seconds(value):
    text = str(value).strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return float(text)  # a bare number is seconds in 1.29's schema
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)", text):
        total += float(number) * DURATION_UNITS[unit]
    if not re.fullmatch(r"((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h))+", text):
        return "bad duration " + text
    return round(total, 9)


def size(value):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-zA-Z]*)", str(value).strip())
    if not match or match.group(2).lower() not in SIZE_UNITS:
        return "bad size %s" % value
    return int(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])


def scalar(value):
    """Scalars compared as strings: 1.29 prints YAML (ints, booleans), Wharf
    prints compose-go's types (strings for environment, labels…)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def generic(value):
    if isinstance(value, dict):
        return {str(k): generic(v) for k, v in value.items()}
    if isinstance(value, list):
        return [generic(v) for v in value]
    return scalar(value)


def kv_mapping(value):
    """environment, labels, build.args, sysctls: list or mapping → mapping."""
    if value is None:
        return {}
    if isinstance(value, list):
        out = {}
        for item in value:
            key, sep, val = str(item).partition("=")
            out[key] = val if sep else None
        return out
    return {str(k): scalar(v) for k, v in value.items()}


def command(value):
    if isinstance(value, str):
        return shlex.split(value)
    return [scalar(v) for v in value]


def healthcheck(value):
    out = {}
    for key, val in value.items():
        if key == "test":
            if isinstance(val, str):
                val = ["CMD-SHELL", val]
            out[key] = [scalar(v) for v in val]
        elif key in DURATION_KEYS:
            out[key] = seconds(val)
        else:
            out[key] = scalar(val)
    return out


def short_ports(text):
    """1.29 prints ports with a host IP in the short syntax
    ("127.0.0.1:5000-5010:5000-5010/tcp"): expanded like compose v2."""
    spec, _, protocol = text.partition("/")
    host_ip, published, target = re.fullmatch(r"(?:(.*):)?([\d-]*):([\d-]+)", spec).groups()
    first, _, last = target.partition("-")
    targets = range(int(first), int(last or first) + 1)
    if published:
        p_first, _, p_last = published.partition("-")
        publisheds = list(range(int(p_first), int(p_last or p_first) + 1))
    else:
        publisheds = [None] * len(targets)
    return [(host_ip or "", p, t, protocol or "tcp") for p, t in zip(publisheds, targets)]


def port_list(value):
    """Ports as a sorted list of (host_ip, published, target, protocol); a
    published range stays a string."""
    out = []
    for port in value:
        if not isinstance(port, dict):
            out += short_ports(str(port))
            continue
        published = port.get("published")
        published = int(published) if published is not None and str(published).isdigit() else published
        out.append((port.get("host_ip") or "", published, int(port["target"]),
                    port.get("protocol") or "tcp"))
    return sorted(out, key=repr)


def volume_list(value, project_dir):
    """Volumes as (type, source, target, read_only); 1.29 prints the short
    syntax "source:target:mode" for what was short in the file."""
    out = []
    for volume in value:
        if isinstance(volume, str):
            parts = volume.split(":")
            if len(parts) == 1:
                out.append(("volume", None, parts[0], False))
                continue
            mode = parts[2] if len(parts) > 2 else "rw"
            source = parts[0]
            kind = "bind" if source.startswith(("/", ".", "~")) else "volume"
            out.append((kind, clean_path(source), clean_path(parts[1]), "ro" in mode.split(",")))
        else:
            out.append((volume.get("type"), clean_path(volume.get("source")),
                        clean_path(volume.get("target")), bool(volume.get("read_only", False))))
    return out


def volumes_from(value):
    """1.29 prints "service:NAME:rw"; compose v2 keeps "NAME" (same meaning:
    a bare name is a service, rw is the default mode)."""
    value = str(value)
    if value.startswith("service:"):
        value = value[len("service:"):]
    if value.endswith(":rw"):
        value = value[:-len(":rw")]
    return value


def clean_path(path):
    """1.29 passes bind paths through os.path.normpath ("/etc/pihole/" →
    "/etc/pihole"); compose v2 keeps them as written."""
    if isinstance(path, str) and len(path) > 1 and path.endswith("/"):
        return path.rstrip("/") or "/"
    return path


def depends_on(value):
    if isinstance(value, list):
        return {name: "service_started" for name in value}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in value.items()}


def service_networks(value):
    if isinstance(value, list):
        value = {name: None for name in value}
    out = {name: (generic(spec) if spec else None) for name, spec in value.items()}
    # Wharf (like compose v2) attaches services without networks to the
    # implicit `default` network; 1.29 prints nothing.
    if out == {"default": None}:
        return None
    return out


def file_refs(value):
    out = []
    for ref in value:
        if isinstance(ref, str):
            ref = {"source": ref}
        ref = dict(ref)
        if "mode" in ref and isinstance(ref["mode"], str):
            ref["mode"] = int(ref["mode"], 8)  # compose-go prints "0440"
        out.append(generic(ref))
    return out


def deploy(value):
    labels = value.get("labels")
    value = generic(value)
    if labels is not None:
        value["labels"] = kv_mapping(labels)
    for kind in ("limits", "reservations"):
        res = value.get("resources", {}).get(kind)
        if res and "memory" in res:
            res["memory"] = size(res["memory"])
        if res and "cpus" in res:
            res["cpus"] = float(res["cpus"])
    for key in ("restart_policy", "update_config", "rollback_config"):
        for sub in DURATION_KEYS & set(value.get(key, {})):
            value[key][sub] = seconds(value[key][sub])
    return value


def build(value):
    if isinstance(value, str):
        value = {"context": value}
    out = generic(value)
    if "args" in value:
        out["args"] = kv_mapping(value["args"])
    # compose v2 fills in the default Dockerfile name; 1.29 does not.
    if out.get("dockerfile") == "Dockerfile":
        del out["dockerfile"]
    return out


def service(value, project_dir):
    out = {}
    for key, val in (value or {}).items():
        if key in ("environment", "labels", "sysctls"):
            out[key] = kv_mapping(val)
        elif key in ("command", "entrypoint"):
            out[key] = command(val)
        elif key == "healthcheck":
            out[key] = healthcheck(val)
        elif key == "ports":
            out[key] = port_list(val)
        elif key == "volumes":
            out[key] = volume_list(val, project_dir)
        elif key == "depends_on":
            out[key] = depends_on(val)
        elif key == "networks":
            nets = service_networks(val)
            if nets is not None:
                out[key] = nets
        elif key in ("secrets", "configs"):
            out[key] = file_refs(val)
        elif key == "deploy":
            out[key] = deploy(val)
        elif key == "build":
            out[key] = build(val)
        elif key == "volumes_from":
            out[key] = [volumes_from(v) for v in val]
        elif key == "expose":
            out[key] = sorted(scalar(v) for v in val)
        elif key in SIZE_KEYS:
            out[key] = size(val)
        elif key in DURATION_KEYS:
            out[key] = seconds(val)
        else:
            out[key] = generic(val)
    return out


def resources(kind, value, project):
    """Top-level networks/volumes/secrets/configs. Wharf prints the
    `<project>_<key>` name compose v2 computes and the implicit `default`
    network; 1.29 prints neither."""
    out = {}
    for key, spec in (value or {}).items():
        spec = generic(spec) or {}
        if spec.get("name") == "%s_%s" % (project, key):
            del spec["name"]
        if kind == "networks" and key == "default" and spec == {}:
            continue
        out[key] = spec
    return out


def unescape_dollars(value):
    """1.29's `config` prints every literal $ as $$ (so the output can be
    read back); Wharf prints the value."""
    if isinstance(value, dict):
        return {k: unescape_dollars(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unescape_dollars(v) for v in value]
    if isinstance(value, str):
        return value.replace("$$", "$")
    return value


def active(spec, profiles):
    """1.29's `config` prints the services of every profile; compose v2
    (and Wharf) print the active ones: no `profiles`, or one enabled."""
    declared = (spec or {}).get("profiles")
    return not declared or "*" in profiles or bool(set(declared) & set(profiles))


def normalise(model, project, project_dir, docker, profiles):
    if docker:
        model = unescape_dollars(model)
    out = {"services": {}}
    for name, spec in (model.get("services") or {}).items():
        if docker and not active(spec, profiles):
            continue
        out["services"][name] = service(spec, project_dir)
    for kind in ("networks", "volumes", "secrets", "configs"):
        res = resources(kind, model.get(kind), project)
        if res:
            out[kind] = res
    return out


# ---------------------------------------------------------------------------
# Running both tools


def prepare(peer, case, tmp):
    src = os.path.join(peer, case["dir"])
    dst = os.path.join(tmp, os.path.basename(case["dir"]))
    shutil.copytree(src, dst)
    for stand_in in case.get("stand_ins", []):
        path = os.path.join(dst, stand_in)
        if stand_in.endswith("/"):
            os.makedirs(path, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w").close()
    project = None
    if case.get("transform"):
        full_example_for_129(os.path.join(dst, case["files"][0]),
                             case["transform"] == "full-example")
    if case.get("strip_name") and case.get("transform"):
        project = "full_example_project_name"
    elif case.get("strip_name"):
        for f in case.get("files") or ["compose.yaml"]:
            path = os.path.join(dst, f)
            with open(path) as fh:
                text = fh.read()
            match = re.search(r"^name\s*:\s*(\S+)\s*$", text, re.M)
            project = match.group(1)
            with open(path, "w") as fh:
                fh.write(text[:match.start()] + text[match.end():])
    return dst, project


def active_profiles_from_env(cwd, env):
    """COMPOSE_PROFILES from the environment or the folder's `.env`."""
    value = env.get("COMPOSE_PROFILES")
    dot_env = os.path.join(cwd, ".env")
    if value is None and os.path.exists(dot_env):
        with open(dot_env) as fh:
            for line in fh:
                key, sep, val = line.strip().partition("=")
                if sep and key.strip() == "COMPOSE_PROFILES":
                    value = val.strip().strip("'\"")
    return [p for p in (value or "").split(",") if p]


def full_example_for_129(path, keep_network_mode):
    """Rewrites full-example.yml for 1.29 (README.md, "Adapted"): drops the
    keys 1.29 does not know, writes `devices` short, removes `x-*` from
    external resources (1.29 refuses extra keys there), defines the services,
    network and volume it names without defining (upstream loads it with
    the consistency check off)."""
    with open(path) as fh:
        model = yaml.safe_load(fh)
    model.pop("name")  # given as -p
    del model["services"]["bar"]  # dockerfile_inline only
    foo = model["services"]["foo"]
    for key in ("annotations", "label_file", "uts", "storage_opt"):
        foo.pop(key)
    for key in ("ssh", "additional_contexts", "secrets", "tags", "platforms", "labels",
                "cache_from", "network"):
        foo["build"].pop(key)
    foo["healthcheck"].pop("start_interval")
    foo["networks"]["other-network"].pop("mac_address")
    foo["env_file"] = [e if isinstance(e, str) else e["path"] for e in foo["env_file"]]
    foo["devices"] = ["%(source)s:%(target)s:%(permissions)s" % d for d in foo["devices"]]
    if not keep_network_mode:
        foo.pop("network_mode")
    model["secrets"].pop("secret4")  # environment: source
    for kind in ("networks", "volumes", "configs", "secrets"):
        for spec in model.get(kind, {}).values():
            if isinstance(spec, dict) and spec.get("external"):
                for key in [k for k in spec if k.startswith("x-")]:
                    del spec[key]
    model["services"]["db"] = {"image": "db"}
    model["services"]["redis"] = {"image": "redis"}
    model["networks"]["other-other-network"] = None
    model["volumes"]["datavolume"] = None
    with open(path, "w") as fh:
        yaml.safe_dump(model, fh)


def run(argv, cwd, env):
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def options(case, project):
    args = []
    for f in case.get("files") or []:
        args += ["-f", f]
    if project:
        args += ["-p", project]
    for p in case.get("profiles", []):
        args += ["--profile", p]
    return args


def compare_case(peer, case, docker_compose, wharf_cli, home):
    tmp = tempfile.mkdtemp(prefix="wharf-compare-")
    try:
        cwd, project = prepare(peer, case, tmp)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LC_ALL": "C.UTF-8"}
        env.update(case.get("env", {}))
        args = options(case, project)
        env_files = []
        for f in case.get("env_files", []):
            env_files += ["--env-file", f]
        # 1.29 takes --env-file before the command, one file only.
        rc_d, out_d, err_d = run([docker_compose] + env_files + args + ["config"], cwd, env)
        rc_w, out_w, err_w = run([wharf_cli, "config", "--format", "json"] + env_files + args, cwd, env)
        label = case["id"]
        if case.get("fails"):
            mark = KNOWN_FAILURES.get((label, "*", "load"))
            if mark and rc_d != 0 and rc_w == 0:
                print("KNOWN FAILURE %s: %s\n   docker-compose: %s\n   wharf: loads it"
                      % (label, mark, err_d.strip().splitlines()[-1]))
                return True
            if mark:
                return fail("%s: now agrees: remove its KNOWN_FAILURES mark (%s)" % (label, mark))
            if rc_d == 0 or rc_w == 0:
                return fail("%s: both should refuse it (docker-compose rc=%d, wharf rc=%d: %s)"
                            % (label, rc_d, rc_w, (err_w or err_d).strip()))
            print("ok %s: both refuse it\n   docker-compose: %s\n   wharf: %s"
                  % (label, err_d.strip().splitlines()[-1], err_w.strip().splitlines()[-1]))
            return True
        if rc_d != 0:
            return fail("%s: docker-compose config failed: %s" % (label, err_d.strip()))
        if rc_w != 0:
            return fail("%s: wharf-cli config failed: %s" % (label, err_w.strip()))
        wharf_model = json.loads(out_w)
        name = wharf_model.get("name")
        if project and name != project:
            return fail("%s: project name %r, expected %r" % (label, name, project))
        profiles = case.get("profiles", []) + active_profiles_from_env(cwd, env)
        docker = normalise(yaml.safe_load(out_d), name, cwd, True, profiles)
        wharf = normalise(wharf_model, name, cwd, False, profiles)
        return compare(label, docker, wharf)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compare(label, docker, wharf):
    ok = True
    diffs = []
    if sorted(docker["services"]) != sorted(wharf["services"]):
        diffs.append(("*", "services", sorted(wharf["services"]), sorted(docker["services"])))
    for name in sorted(set(docker["services"]) & set(wharf["services"])):
        d, w = docker["services"][name], wharf["services"][name]
        for key in sorted(set(d) | set(w)):
            if d.get(key) != w.get(key):
                diffs.append((name, key, w.get(key), d.get(key)))
    for kind in ("networks", "volumes", "secrets", "configs"):
        if docker.get(kind, {}) != wharf.get(kind, {}):
            diffs.append(("*", kind, wharf.get(kind), docker.get(kind)))
    seen = set()
    for service_name, key, wharf_value, docker_value in diffs:
        mark = KNOWN_FAILURES.get((label, service_name, key))
        seen.add((label, service_name, key))
        if mark:
            print("KNOWN FAILURE %s: service %s, key %s: %s\n   wharf:          %s\n   docker-compose: %s"
                  % (label, service_name, key, mark, json.dumps(wharf_value), json.dumps(docker_value)))
            continue
        ok = fail("%s: service %s, key %s differs\n   wharf:          %s\n   docker-compose: %s"
                  % (label, service_name, key, json.dumps(wharf_value), json.dumps(docker_value)))
    for (case_id, service_name, key), why in KNOWN_FAILURES.items():
        if case_id == label and (case_id, service_name, key) not in seen:
            ok = fail("%s: service %s, key %s now agrees: remove its KNOWN_FAILURES mark (%s)"
                      % (label, service_name, key, why))
    if ok:
        print("ok %s: %d services agree" % (label, len(docker["services"])))
    return ok


def check_unreadable(peer, docker_compose, home):
    ok = True
    for path, why in sorted(UNREADABLE.items()):
        tmp = tempfile.mkdtemp(prefix="wharf-compare-")
        try:
            dst = os.path.join(tmp, "p")
            shutil.copytree(os.path.dirname(os.path.join(peer, path)), dst)
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "VARIABLE": "1"}
            rc, _, _ = run([docker_compose, "-f", os.path.basename(path), "config"], dst, env)
            if rc == 0:
                ok = fail("docker-compose now reads %s (listed as unreadable: %s)" % (path, why))
            else:
                print("skip %s: docker-compose 1.29 cannot read it (%s)" % (path, why))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return ok


def main():
    peer = os.environ.get("WHARF_PEER_TESTS")
    wharf_cli = os.environ.get("WHARF_CLI")
    docker_compose = shutil.which("docker-compose")
    if docker_compose is None:
        print("SKIP: docker-compose is not installed")
        return SKIP
    if not peer or not os.path.isdir(peer):
        print("SKIP: ../shared/peer-tests is absent")
        return SKIP
    if not wharf_cli or not os.access(wharf_cli, os.X_OK):
        print("FAIL: WHARF_CLI does not name wharf-cli")
        return 1
    home = tempfile.mkdtemp(prefix="wharf-compare-home-")
    try:
        results = []
        for case in CASES:
            try:
                results.append(compare_case(peer, case, docker_compose, wharf_cli, home))
            except Exception as e:  # a crash of the comparison is a failure of that case
                results.append(fail("%s: %s: %s" % (case["id"], type(e).__name__, e)))
        results.append(check_unreadable(peer, docker_compose, home))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    failed = results.count(False)
    print("%d comparisons, %d failed" % (len(results), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
