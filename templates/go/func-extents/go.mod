module patchproof/func-extents

go 1.23
