"""The package imports and the corpus loads with networking disabled."""
import subprocess
import sys
import textwrap


def test_import_and_load_without_network():
    code = textwrap.dedent(
        """
        import socket
        def _refuse(*args, **kwargs):
            raise OSError("network disabled by test")
        socket.socket.connect = _refuse
        socket.socket.connect_ex = _refuse
        socket.create_connection = _refuse
        socket.getaddrinfo = _refuse
        import discourse
        df = discourse.load_corpus()
        p = discourse.passages(df[df["language"] == "zh"].head(50), unit="sentence")
        print(len(df), len(p))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    n_docs, n_passages = map(int, out.stdout.split())
    assert n_docs > 6000 and n_passages > 0
