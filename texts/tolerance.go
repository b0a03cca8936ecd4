package texts

// toleranceZH and toleranceEN are the error-tolerance register's
// (容错纠错) texts.
var toleranceZH = map[string]string{}

var toleranceEN = map[string]string{}
