/**
 * A small Python project that declares PyYAML (requirements.txt) and requests (pyproject.toml),
 * neither in the python image; its tests import both. Shared so every test of it uses one image.
 */
export const CONF_SOURCE = 'import requests.utils\nimport yaml\n\n\ndef load(text):\n    return yaml.safe_load(text)\n\n\ndef ua():\n    return requests.utils.default_user_agent()\n\n\ndef unused():\n    return 1\n';

export function confProject(source = CONF_SOURCE): Record<string, string> {
  return {
    'requirements.txt': '# parsing\nPyYAML>=5.0  # the config loader\n',
    'pyproject.toml': '[project]\nname = "conf"\nversion = "0.1"\ndependencies = ["requests>=2"]\n',
    'conf/__init__.py': source,
    'tests/test_conf.py': 'import requests\nfrom conf import load, ua\n\n\ndef test_load():\n    assert load("a: 1") == {"a": 1}\n\n\ndef test_ua():\n    assert ua().startswith("python-requests/")\n    assert requests.__version__\n',
  };
}
