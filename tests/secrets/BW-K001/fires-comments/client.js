// a '#' starts no comment in JavaScript
# password = hunter2secret
