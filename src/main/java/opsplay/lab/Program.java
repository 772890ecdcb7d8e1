package opsplay.lab;

/**
 * One program the lab simulates (kwbase, deploy.sh, kw-status, systemctl, OpenMLDB's openmldb and
 * start.sh), with the output formats, exit codes and error strings of the real tool. Called on a
 * lab thread; the lab never calls two programs of one cluster at once, nor a program while the
 * cluster's time advances, so a program may read and change the cluster's state freely.
 */
public interface Program {
  Output run(Invocation call);
}
