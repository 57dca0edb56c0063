/* ssh-hostkey.c: the SSH host key the host makes once and keeps. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh/libssh.h>

#include "convene.h"
#include "ssh.h"

/* $XDG_DATA_HOME/convene/ssh_host_ed25519_key, beside the database's
 * default home: the same key every session, so participants' clients
 * see the fingerprint they accepted last time. */
int
ssh_hostkey_path(char *out, size_t cap)
{
	const char *e = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char dir[4000];

	if (e != NULL && *e == '/')
		snprintf(dir, sizeof dir, "%s/convene", e);
	else
		snprintf(dir, sizeof dir, "%s/.local/share/convene",
		    home != NULL && *home != '\0' ? home : ".");
	if (util_mkdir_p(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	snprintf(out, cap, "%s/ssh_host_ed25519_key", dir);
	return 0;
}

static int
fingerprint(ssh_key key, char *out, size_t cap)
{
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *s;

	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != 0)
		return -1;
	s = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	ssh_clean_pubkey_hash(&hash);
	if (s == NULL)
		return -1;
	snprintf(out, cap, "%s", s);
	ssh_string_free_char(s);
	return 0;
}

/*
 * Load the ed25519 key at `path`, making it first if there is none, and
 * give its fingerprint as OpenSSH prints it ("SHA256:...").  A key file
 * others can read is refused: whoever has it can pose as this host.
 */
int
ssh_hostkey_load(const char *path, char *fpr, size_t fcap, char *err,
    size_t errlen)
{
	ssh_key key = NULL;
	struct stat sb;
	int rc;

	if (stat(path, &sb) == 0) {
		if (sb.st_mode & 077) {
			snprintf(err, errlen, "%s: readable by others; make it "
			    "private (chmod 600) or remove it", path);
			return -1;
		}
		rc = ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key);
		if (rc != SSH_OK) {
			snprintf(err, errlen, "%s: not an SSH private key "
			    "(remove it and a new one is made)", path);
			return -1;
		}
	} else {
		mode_t old;

		if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) {
			snprintf(err, errlen, "cannot make an SSH host key");
			return -1;
		}
		old = umask(077);
		rc = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path);
		umask(old);
		if (rc != SSH_OK) {
			snprintf(err, errlen, "%s: cannot write the SSH host "
			    "key", path);
			ssh_key_free(key);
			return -1;
		}
	}
	rc = fingerprint(key, fpr, fcap);
	ssh_key_free(key);
	if (rc != 0)
		snprintf(err, errlen, "%s: cannot read its fingerprint", path);
	return rc;
}
