/* canary-start: the process start of a program without the Go runtime (gobaseline's drift canary). */
int main(void) { return 0; }
