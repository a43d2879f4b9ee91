# deploy key
-----BEGIN OPENSSH @@PRIVATE KEY-----
{b70}
{b70}
{b40}==
-----END OPENSSH PRIVATE KEY-----
