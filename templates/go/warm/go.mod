module patchproof.invalid/warm

go 1.23
