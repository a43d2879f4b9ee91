# Documentation keys, templates and digests: none of these is a credential.
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]
DB_PASSWORD = "${DB_PASSWORD}"
API_KEY = "<your-api-key>"
SECRET = "{{ .Values.secret }}"
IMAGE = "alpine@sha256:0e1a0e3d5a6b4c7d8e9f00112233445566778899aabbccddeeff001122334455"
REQUEST_ID = "3f2b6c1e-9a4d-4c7b-8e2f-1a2b3c4d5e6f"
DATABASE_URL = "postgres://user:password@localhost/db"
if password == "hunter2hunter2":
    pass
