package gen

// Version names the generator's output: bump it whenever the same Config
// would write different files, so cached benchmark cases are rebuilt.
const Version = "2"
