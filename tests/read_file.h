/*
** read_file.h: the C test drivers' one helper for reading an SQL file
** (tests/oom.c, tests/threads.c). A driver may define DRIVER first to mark
** the function (oom.c puts its own functions in a section of their own).
*/
#ifndef AIBUBBLE_READ_FILE_H
#define AIBUBBLE_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

#ifndef DRIVER
#define DRIVER
#endif

/* The whole file, NUL-terminated; exits with status 2 when it cannot. */
static DRIVER char *read_file(const char *program, const char *path) {
  FILE *f = fopen(path, "rb");
  char *text;
  long size;
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0) {
    fprintf(stderr, "%s: cannot read %s\n", program, path);
    exit(2);
  }
  rewind(f);
  text = malloc((size_t)size + 1);
  if (text == NULL || fread(text, 1, (size_t)size, f) != (size_t)size) exit(2);
  text[size] = 0;
  fclose(f);
  return text;
}

#endif
