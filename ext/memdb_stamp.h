/*
** memdb_stamp.h: what tells one image of an in-memory database of the
** memdb VFS (sqlite3_deserialize() makes one) from another, for
** connection.c's data stamp: the VFS's name and a digest of its bytes,
** kept for the rest of a statement when nothing can change them.
*/
#ifndef AIBUBBLE_MEMDB_STAMP_H
#define AIBUBBLE_MEMDB_STAMP_H
#include "sqlite3ext.h"

/* Appends the stamp of schema's memdb image to text: vfs_name, the VFS's
** name for its file (which holds its buffer's address and size), then the
** digest. call is the scalar
** call under way, whose statement may keep the stamp (NULL: none); state
** is sqlite3_txn_state() of schema when the call began. Returns 0 when the
** image could not be read whole (it changed meanwhile): then nothing may
** be cached. */
int memdb_stamp_append(sqlite3_str *text, sqlite3 *db, const char *schema, const char *vfs_name,
                       sqlite3_context *call, int state);

#endif
