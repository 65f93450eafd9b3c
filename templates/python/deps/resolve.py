"""Installs what a Python project declares, at image build (templates/python/Dockerfile).

Reads the manifests copied to /opt/patchproof/deps/project (requirements*.txt, pyproject.toml's
[project] dependencies, setup.cfg's install_requires) and installs each requirement with pip from
PIP_INDEX_URL when it is set, else the matching Debian python3-* package: Debian's own name map
(dh-python's cpython3_fallback, PyPI name -> package, read from its .deb), a few exceptions it lacks, else
python3-<normalised name>. Versions are Debian's: a specifier is recorded, not enforced.
What could not be found is recorded, never fatal here: the validation names it as build_failed.
The record is /opt/patchproof/deps/record.json; an unreachable mirror fails the build (ours).
"""
import configparser
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

ROOT = '/opt/patchproof/deps/project'
RECORD = '/opt/patchproof/deps/record.json'
INDEX = os.environ.get('PIP_INDEX_URL', '')
MIRROR = os.environ.get('APT_MIRROR', '')
# Names Debian packages under another name that dh-python's map may lack.
EXCEPTIONS = {
    'pyyaml': 'python3-yaml', 'beautifulsoup4': 'python3-bs4', 'python-dateutil': 'python3-dateutil',
    'pillow': 'python3-pil', 'scikit-learn': 'python3-sklearn', 'pyjwt': 'python3-jwt',
    'attrs': 'python3-attr', 'python-dotenv': 'python3-dotenv', 'pyserial': 'python3-serial',
    'pyzmq': 'python3-zmq', 'gitpython': 'python3-git', 'msgpack-python': 'python3-msgpack',
}
NAME = re.compile(r'^\s*([A-Za-z0-9][A-Za-z0-9._-]*)')


def normalise(name):
    return re.sub(r'[-_.]+', '-', name).lower()


def requirement_lines():
    """(requirement text, file) for every declared requirement, in file order."""
    found = []
    for name in sorted(os.listdir(ROOT)):
        path = os.path.join(ROOT, name)
        if re.fullmatch(r'requirements.*\.txt', name):
            with open(path, encoding='utf-8') as f:
                for line in f:
                    line = line.split(' #')[0].strip()
                    if line and not line.startswith(('#', '-')):
                        # build-context.ts flattens requirements/dev.txt to requirements__dev.txt.
                        found.append((line, name.replace('__', '/')))
        elif name == 'pyproject.toml':
            with open(path, 'rb') as f:
                project = tomllib.load(f).get('project', {})
            found += [(r, name) for r in project.get('dependencies', [])]
        elif name == 'setup.cfg':
            cfg = configparser.ConfigParser(interpolation=None)
            cfg.read(path, encoding='utf-8')
            text = cfg.get('options', 'install_requires', fallback='')
            found += [(r.strip(), name) for r in text.splitlines() if r.strip() and not r.strip().startswith('#')]
    return found


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def debian_map():
    """dh-python's PyPI-name -> package map, read out of its .deb (installing it pulls more)."""
    tmp = tempfile.mkdtemp()
    try:
        subprocess.run(['apt-get', 'download', '-qq', 'dh-python'], cwd=tmp, check=True, capture_output=True)
        deb = next(os.path.join(tmp, n) for n in os.listdir(tmp) if n.endswith('.deb'))
        tar = subprocess.run(['dpkg-deb', '--fsys-tarfile', deb], check=True, capture_output=True).stdout
        text = subprocess.run(['tar', '-xO', './usr/share/dh-python/dist/cpython3_fallback'], input=tar, check=True, capture_output=True).stdout.decode()
        return {normalise(p[0]): p[1] for p in (l.split() for l in text.splitlines()) if len(p) >= 2}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def apt_sources():
    with open('/etc/apt/sources.list', 'w', encoding='utf-8') as f:
        f.write(f'deb {MIRROR} bookworm main\ndeb {MIRROR} bookworm-updates main\ndeb {MIRROR}-security bookworm-security main\n')
    subprocess.run(['apt-get', 'update', '-qq'], check=True)


def apt_install(packages):
    env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
    subprocess.run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', *packages], check=True, env=env)


def version_of(package):
    out = run('dpkg-query', '-W', '-f=${Version}', package)
    return out.stdout if out.returncode == 0 else None


def main():
    installed, missing, wanted = [], [], []
    for text, source in requirement_lines():
        if ';' in text or '@' in text:
            text = text.split(';')[0].split('@')[0].strip()
        m = NAME.match(text)
        if not m:
            continue
        name = normalise(m.group(1))
        try:
            have = importlib.metadata.version(name)
            installed.append({'requirement': text, 'file': source, 'package': name, 'version': have, 'source': 'image'})
        except importlib.metadata.PackageNotFoundError:
            wanted.append((text, source, name))
    if wanted:
        apt_sources()
        if INDEX:
            apt_install(['python3-pip'])
            for text, source, name in wanted:
                out = run('pip3', 'install', '--break-system-packages', '--no-cache-dir', '--index-url', INDEX, text)
                if out.returncode == 0:
                    installed.append({'requirement': text, 'file': source, 'package': name, 'version': importlib.metadata.version(name), 'source': f'pip {INDEX}'})
                else:
                    missing.append({'requirement': text, 'file': source, 'tried': [f'pip {INDEX}']})
        else:
            names = debian_map()
            chosen = []
            for text, source, name in wanted:
                tried = list(dict.fromkeys(p for p in (EXCEPTIONS.get(name), names.get(name), f'python3-{name}') if p))
                package = next((p for p in tried if run('apt-cache', 'show', p).returncode == 0), None)
                if package is None:
                    missing.append({'requirement': text, 'file': source, 'tried': tried})
                else:
                    chosen.append((text, source, package))
            if chosen:
                apt_install(sorted({p for _, _, p in chosen}))
            for text, source, package in chosen:
                installed.append({'requirement': text, 'file': source, 'package': package, 'version': version_of(package), 'source': 'debian'})
        os.remove('/etc/apt/sources.list')
    with open(RECORD, 'w', encoding='utf-8') as f:
        json.dump({'toolchain': 'python', 'installed': installed, 'missing': missing}, f, indent=1)
    print(f'patchproof dependencies: {len(installed)} installed, {len(missing)} not found', file=sys.stderr)


main()
