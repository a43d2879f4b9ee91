/* System directories that a WORKDIR or a volume must not sit on: the kernel's pseudo-filesystems
 * and the boot files. Shared by the Dockerfile and the image rules. */
#ifndef BW_SYS_DIRS_H
#define BW_SYS_DIRS_H

/* /dev, /proc, /sys: what Dockle's DKL-DI-0002 names for VOLUME. */
extern const char *const sys_dirs_kernel[];
/* /proc, /boot, /dev, /initrd, /lost+found: what Trivy's DS030 names for WORKDIR. */
extern const char *const sys_dirs_workdir[];

/* The directory of dirs that path is or lies under ("/proc", "/proc/", "//proc/1"; ".." is not
 * resolved), else NULL. path has its quotes removed, as the Dockerfile model's words do. */
const char *sys_dir_of(const char *path, const char *const *dirs);
#endif
