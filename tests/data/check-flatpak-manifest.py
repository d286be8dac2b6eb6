#!/usr/bin/env python3
# Checks flatpak/io.github.wharf.Wharf.json without building it (no runtime
# can be downloaded here): it is valid JSON, has the app's id, command,
# runtime and sandbox permissions, third-party modules are pinned with a
# sha256 or a commit, and the app module's meson config-opts only use
# options that exist in meson_options.txt, with values of the right type.
# Prints TAP. Usage: check-flatpak-manifest.py SOURCE_ROOT
import json
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
manifest_path = os.path.join(root, 'flatpak', 'io.github.wharf.Wharf.json')
options_path = os.path.join(root, 'meson_options.txt')

results = []


def check(ok, description, detail=None):
    results.append((bool(ok), description, detail))


def parse_meson_options(text):
    """Returns {name: (type, choices)} from meson_options.txt."""
    options = {}
    for match in re.finditer(r"option\s*\(\s*'([^']+)'(.*?)\)\s*(?=option\s*\(|\Z)", text, re.S):
        name, rest = match.group(1), match.group(2)
        type_match = re.search(r"type\s*:\s*'([^']+)'", rest)
        choices_match = re.search(r"choices\s*:\s*\[([^\]]*)\]", rest)
        choices = re.findall(r"'([^']*)'", choices_match.group(1)) if choices_match else None
        options[name] = (type_match.group(1) if type_match else 'string', choices)
    return options


# Options meson itself accepts with -D (the ones a manifest may use).
BUILTIN = {'prefix', 'bindir', 'datadir', 'libdir', 'libexecdir', 'localedir',
           'sysconfdir', 'buildtype', 'debug', 'optimization', 'warning_level',
           'werror', 'default_library', 'strip', 'b_lto', 'b_ndebug', 'b_pie',
           'b_sanitize', 'b_lundef', 'wrap_mode', 'c_args', 'c_link_args'}

try:
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    check(True, 'manifest is valid JSON')
except (OSError, ValueError) as e:
    check(False, 'manifest is valid JSON', str(e))
    manifest = None

if manifest is not None:
    check(manifest.get('id', manifest.get('app-id')) == 'io.github.wharf.Wharf', 'app id is io.github.wharf.Wharf')
    check(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
          'GNOME runtime and SDK')
    check(re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))) is not None,
          'runtime version is a numbered stable GNOME release', manifest.get('runtime-version'))
    check(manifest.get('command') == 'wharf', 'command is wharf')

    finish_args = manifest.get('finish-args', [])
    for arg in ['--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
                '--device=dri', '--filesystem=~/.aws:create', '--filesystem=~/.docker:create']:
        check(arg in finish_args, 'finish-args has ' + arg)
    check(not any(a in ('--filesystem=host', '--filesystem=home') for a in finish_args),
          'no blanket home or host access (files come through the portal)')

    modules = manifest.get('modules', [])
    check(len(modules) > 0 and isinstance(modules[-1], dict) and modules[-1].get('name') == 'wharf',
          'the app module comes last')
    for module in modules[:-1]:
        if not isinstance(module, dict):
            continue
        for source in module.get('sources', []):
            pinned = (source.get('type') in ('archive', 'file') and re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', ''))) \
                or (source.get('type') == 'git' and re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')))
            check(pinned, 'module %s: source pinned by sha256 or commit' % module.get('name'))

    app = modules[-1] if modules and isinstance(modules[-1], dict) else {}
    check(app.get('buildsystem') == 'meson', 'app module builds with meson')
    check(any(s.get('type') == 'dir' and os.path.normpath(os.path.join(root, 'flatpak', s.get('path', '')))
              == os.path.normpath(root) for s in app.get('sources', [])),
          'app module builds the local checkout (type dir, path "..")')

    with open(options_path, encoding='utf-8') as f:
        options = parse_meson_options(f.read())
    for opt in app.get('config-opts', []):
        match = re.fullmatch(r'-D([A-Za-z0-9_]+)=(.*)', opt)
        if not match:
            check(False, 'config-opt %s has the form -Dname=value' % opt)
            continue
        name, value = match.groups()
        if name in BUILTIN:
            check(True, 'config-opt %s is a meson built-in option' % opt)
            continue
        if name not in options:
            check(False, 'config-opt %s names an option of meson_options.txt' % opt)
            continue
        kind, choices = options[name]
        valid = {'feature': value in ('enabled', 'disabled', 'auto'),
                 'boolean': value in ('true', 'false'),
                 'combo': choices is not None and value in choices,
                 'integer': re.fullmatch(r'-?\d+', value) is not None}.get(kind, True)
        check(valid, 'config-opt %s is a valid %s value' % (opt, kind))

print('1..%d' % len(results))
for i, (ok, description, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, description))
    if not ok and detail:
        print('# %s' % detail)
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
